import type { CommitInfo, FailedStep } from '../../git/rebase-types.js'
import { headsRef, rebaseBranch } from './refs.js'

/** One word for a POSIX shell: kept as is when plainly safe, else single-quoted. */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_./:=+@%,-]+$/.test(word) && !word.startsWith('-')) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}

/** A command line: `git` and options as written, every other word quoted as needed. */
const line = (...words: string[]): string =>
  words.map((word) => (/^(git|-{1,2}[A-Za-z][a-z-]*)$/.test(word) ? word : shellWord(word))).join(' ')

export interface FinishRequest {
  /** The fork branch that carries the downstream commits. */
  branch: string
  upstreamTag: string
  failed: FailedStep
  remaining: readonly CommitInfo[]
}

/**
 * The commands that finish the rebase in a clone of the fork (`origin`): take the pull request branch,
 * apply the failed step and the rest by hand, push the result back to the pull request branch.
 */
export function finishCommands(request: FinishRequest): string[] {
  const prBranch = rebaseBranch(request.upstreamTag)
  const tracking = (branch: string): string => `refs/remotes/origin/${branch}`
  const fetch = [`+${headsRef(prBranch)}:${tracking(prBranch)}`]
  if (request.failed.kind === 'commit') fetch.push(`+${headsRef(request.branch)}:${tracking(request.branch)}`)
  const start = [
    '# origin is the fork',
    line('git', 'fetch', 'origin', ...fetch),
    line('git', 'switch', '-C', prBranch, tracking(prBranch)),
  ]
  const push = line('git', 'push', 'origin', `HEAD:${headsRef(prBranch)}`)
  if (request.failed.kind === 'commit') {
    const commits = [request.failed.commit, ...request.remaining].map((commit) => commit.sha)
    return [
      ...start,
      line('git', 'cherry-pick', ...commits),
      '# on each stop: fix the files, `git add` them, then `git cherry-pick --continue`',
      push,
    ]
  }
  const name = request.failed.name
  return [
    ...start,
    'export QUILT_PATCHES=debian/patches',
    'quilt push -a --fuzz=0   # stops before the patch that no longer applies',
    'quilt push -f            # applies it with rejects (*.rej): fix those files',
    'quilt refresh',
    'quilt pop -a',
    line('git', 'commit', '-m', `Refresh ${name} for ${request.upstreamTag}`, '--', 'debian/patches'),
    push,
  ]
}
