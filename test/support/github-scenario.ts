import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { basicAuthValue } from '../../src/github/git-auth.js'
import { runAction, type ActionRun } from './action.js'
import {
  addDownstreamPatch,
  fastPatch,
  helloMainC as mainC,
  makeDebianUpstream,
  makeFork,
  type DebianUpstream,
  type Fork,
} from './debian-fixtures.js'
import { git } from './git.js'
import { filesContaining, serveOnGitHub, type GitHubFork } from './github-fork.js'
import { tempDir } from './tmp.js'

/**
 * A Debian fork on a GitHub-like host (smart HTTP demanding the token, REST stand-in) with one downstream
 * quilt patch, whose next upstream tag either applies cleanly or conflicts in a chosen way.
 */

export { fastPatch, mainC }

/** Replaces the short description in debian/control. */
export const describeAs =
  (words: string) =>
  (control: string): string =>
    control.replace(/^Description: .*$/m, `Description: ${words}`)

export type NextRelease =
  /** debian/1.0-2 rewords the description the fork rewords too: a git conflict in debian/control. */
  | 'control-conflict'
  /** debian/1.1-1 changes a context line of fast.patch: the quilt patch needs fuzz. */
  | 'patch-conflict'
  /** debian/1.1-1 leaves main.c alone: a clean rebase. */
  | 'clean'

export interface CarrierScenario {
  upstream: DebianUpstream
  fork: Fork
  github: GitHubFork
  workDir: string
  /** The target tag of the first update. */
  tag: string
  /** Runs the bundled action in sync mode against the fork; remembers the run for secret scans. */
  sync(inputs?: Record<string, string>): Promise<ActionRun>
  /** The peeled commit of an upstream tag. */
  tagCommit(tag: string): Promise<string>
  /** Fails when the token appears in any run's output or summary, the work directory or a git URL. */
  assertNoTokenLeaked(): Promise<void>
  close(): Promise<void>
}

export async function carrierScenario(next: NextRelease): Promise<CarrierScenario> {
  const upstream = await makeDebianUpstream({ source: 'hello' })
  await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') } })
  const fork = await makeFork(upstream.url, 'debian/1.0-1')
  await addDownstreamPatch(fork, 'fast.patch', fastPatch)
  let tag = 'debian/1.1-1'
  if (next === 'control-conflict') {
    const control = await readFile(join(fork.work, 'debian/control'), 'utf8')
    await fork.commit('Downstream description', {
      'debian/control': describeAs('downstream flavour')(control),
    })
    await upstream.packagingRelease('debian/1.0-2', { 'debian/control': describeAs('upstream wording') })
    tag = 'debian/1.0-2'
  } else {
    const signature = next === 'patch-conflict' ? 'int main(int argc, char **argv) {' : undefined
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello', signature) } })
  }
  const github = await serveOnGitHub(fork)
  const workDir = await tempDir('pc-work-')
  const runs: ActionRun[] = []
  return {
    upstream,
    fork,
    github,
    workDir,
    tag,
    async sync(inputs = {}) {
      const result = await runAction(
        {
          ...github.inputs,
          'upstream-url': upstream.url,
          'upstream-tags': 'debian/*',
          'output-dir': await tempDir('pc-out-'),
          'work-dir': workDir,
          ...inputs,
        },
        github.env,
      )
      runs.push(result)
      return result
    },
    tagCommit: (name) => git(upstream.bare, 'rev-parse', `refs/tags/${name}^{commit}`),
    async assertNoTokenLeaked() {
      for (const secret of [github.token, basicAuthValue(github.token)]) {
        // `::add-mask::` lines are the runner's masking protocol, never shown in the log
        const shown = runs.map((run) => run.everything.replace(/^::add-mask::.*$/gm, ''))
        if (shown.some((text) => text.includes(secret))) throw new Error('token in a run output or summary')
        const files = await filesContaining(workDir, secret)
        if (files.length > 0) throw new Error(`token in ${files.join(', ')}`)
        if (github.git.requests().some((request) => request.url.includes(secret)))
          throw new Error('token in a git URL')
      }
    },
    close: () => github.close(),
  }
}
