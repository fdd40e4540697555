import type { RefUpdate } from '../git/push.js'
import { listRefs } from '../git/ls-refs.js'

/**
 * Whether every ref of `updates` on the fork already holds exactly what this run would push: another run
 * started on the same state did the same work first (the rebase and build are deterministic). Then this
 * run has nothing to push and nothing was overwritten.
 */
export async function pushedByAnotherRun(
  url: string,
  updates: readonly RefUpdate[],
  forkEnv: Record<string, string>,
): Promise<boolean> {
  const prefixes = updates.map((update) => update.ref)
  const refs = (await listRefs(url, { prefixes, peel: false }, forkEnv)).refs
  return updates.length > 0 && updates.every((update) => (refs.get(update.ref) ?? '') === update.sha)
}

export const pushedByAnotherRunNote =
  'Another run started on the same state pushed exactly this result meanwhile: nothing more was pushed'
