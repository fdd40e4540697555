import { run } from '../process/run.js'

export interface RefUpdate {
  /** Full ref name on the remote. */
  ref: string
  /** '' deletes the ref (in the same atomic push). */
  sha: string
}

export type PushResult = { kind: 'pushed' } | { kind: 'moved'; detail: string }

/**
 * Pushes all updates atomically: the branch moves only if it still points at `expected`
 * (--force-with-lease), and the other refs (archive, build tags) go with it or not at all.
 */
export async function pushAtomic(options: {
  gitDir: string
  url: string
  branchRef: string
  expected: string
  updates: readonly RefUpdate[]
  env?: Record<string, string>
}): Promise<PushResult> {
  const refspecs = options.updates.map((update) => `${update.sha}:${update.ref}`)
  const result = await run(
    'git',
    [
      '--git-dir',
      options.gitDir,
      'push',
      '--atomic',
      '--porcelain',
      '--no-verify',
      `--force-with-lease=${options.branchRef}:${options.expected}`,
      '--end-of-options',
      options.url,
      ...refspecs,
    ],
    { env: { GIT_TERMINAL_PROMPT: '0', ...options.env }, okCodes: [0, 1] },
  )
  if (result.code === 0) return { kind: 'pushed' }
  const rejected = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .join('\n')
  if (/stale info|cannot lock ref/.test(rejected + result.stderr)) {
    // `cannot lock ref`: another push moved the ref between our lease check and the server's update
    return { kind: 'moved', detail: rejected || result.stderr.trim() }
  }
  throw new Error(`git push to the fork failed:\n${(result.stderr || result.stdout).trim()}`)
}
