import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import {
  addDownstreamPatch,
  fastPatch,
  helloMainC as mainC,
  makeDebianUpstream,
  makeFork,
  type DebianUpstream,
  type Fork,
} from './debian-fixtures.js'
import { fixtureEnv, git } from './git.js'
import type { ReleaseKey } from './reliability-gpg.js'

export interface SignedDebian {
  upstream: DebianUpstream
  fork: Fork
  /** The object id of `debian/1.1-1` (a tag object when signed). */
  tagObject: string
  tagCommit: string
}

export interface SignedDebianOptions {
  /** Signs `debian/1.1-1`. */
  tagKey?: ReleaseKey
  /** Signs the 1.1 orig tarball, kept as `.asc` in the pristine-tar data. */
  origKey?: ReleaseKey
  /** Commits this key as debian/upstream/signing-key.asc on the fork. */
  forkKey?: ReleaseKey
}

/**
 * The hello package on salsa-like upstream (1.0-1, then 1.1-1 with pristine-tar data), and a fork on
 * 1.0-1 carrying fast.patch; tag, orig tarball signature and the fork's signing-key.asc as asked.
 */
export async function signedDebian(options: SignedDebianOptions): Promise<SignedDebian> {
  const upstream = await makeDebianUpstream({ source: 'hello' })
  await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') } })
  const fork = await makeFork(upstream.url, 'debian/1.0-1')
  await addDownstreamPatch(fork, 'fast.patch', fastPatch)
  if (options.forkKey) {
    await fork.commit('Upstream signing key', {
      'debian/upstream/signing-key.asc': options.forkKey.publicKey,
    })
  }
  await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
  const tarball = join(upstream.work, '..', 'hello_1.1.orig.tar.gz')
  const work = { cwd: upstream.work, env: fixtureEnv }
  await run('git', ['archive', '--format=tar.gz', '--prefix=hello-1.1/', '-o', tarball, 'upstream/1.1'], work)
  const signature = options.origKey ? ['-s', `${tarball}.asc`] : []
  if (options.origKey) await options.origKey.signFile(tarball)
  await run('pristine-tar', [...signature, 'commit', tarball, 'upstream/1.1'], work)
  await git(upstream.work, 'push', '-q', '--force', upstream.bare, 'pristine-tar')
  const tagCommit = await git(upstream.bare, 'rev-parse', 'refs/tags/debian/1.1-1^{commit}')
  const tagObject = options.tagKey
    ? await options.tagKey.signTag(upstream.work, upstream.bare, 'debian/1.1-1', tagCommit)
    : tagCommit
  return { upstream, fork, tagObject, tagCommit }
}
