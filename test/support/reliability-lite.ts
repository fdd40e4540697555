import {
  addDownstreamPatch,
  fastPatch,
  helloMainC as mainC,
  makeDebianUpstream,
  makeFork,
  type DebianUpstream,
} from './debian-fixtures.js'
import { git } from './git.js'
import { installHooks, type ForkHooks } from './reliability-fork.js'
import { obsPassword, obsProject, type ConvergeTarget } from './reliability-scenario.js'
import { tempDir } from './tmp.js'

/** hello 1.0-1 and 1.1-1 on a salsa-like upstream, shared by the cases of a file (forks are per case). */
export interface HelloUpstream {
  upstream: DebianUpstream
  tagHead: string
}

export async function helloUpstream(): Promise<HelloUpstream> {
  const upstream = await makeDebianUpstream({ source: 'hello' })
  await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') } })
  await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
  return { upstream, tagHead: await git(upstream.bare, 'rev-parse', 'refs/tags/debian/1.1-1^{commit}') }
}

/** A fresh file:// fork of hello 1.0-1 carrying fast.patch, with push hooks, publishing to OBS package `pkg`. */
export interface LiteFork extends ConvergeTarget {
  hooks: ForkHooks
  /** Action inputs for a sync of this fork (work-dir shared by its runs, like one runner). */
  inputs: Record<string, string>
}

export async function liteFork(hello: HelloUpstream, obsUrl: string, pkg: string): Promise<LiteFork> {
  const fork = await makeFork(hello.upstream.url, 'debian/1.0-1')
  await addDownstreamPatch(fork, 'fast.patch', fastPatch)
  const hooks = await installHooks(fork.bare)
  return {
    fork,
    hooks,
    pkg,
    start: await fork.head(),
    tagHead: hello.tagHead,
    inputs: {
      'remote-url': fork.url,
      'upstream-url': hello.upstream.url,
      'upstream-tags': 'debian/*',
      'work-dir': await tempDir('pc-work-'),
      'output-dir': await tempDir('pc-out-'),
      'obs-url': obsUrl,
      'obs-project': obsProject,
      'obs-package': pkg,
      'obs-user': 'carrier',
      'obs-password': obsPassword,
      'obs-create': 'true',
    },
  }
}
