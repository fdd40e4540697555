import { baseMoved, type CarrierEntry } from './survey.js'

/**
 * What a person did with a pull request, decided from the fork's refs and the recorded state:
 * - `merged`: the base branch moved off the tag (merged, or pushed to directly): its head is the resolution;
 * - `pushed`: the pull request branch holds a head the action did not push: a person's work;
 * - `unaccounted`: the branch differs from what the action would push and no record says whose it is;
 * - `none`: the branches hold only what the action pushed.
 */
export type Resolution =
  | { kind: 'merged'; sha: string }
  | { kind: 'pushed'; sha: string }
  | { kind: 'unaccounted'; sha: string }
  | { kind: 'none' }

/** `expected`: what the action would push to the pull request branch now (deterministic rebase), if known. */
export function resolutionOf(entry: CarrierEntry, expected?: string): Resolution {
  if (baseMoved(entry)) return { kind: 'merged', sha: entry.upstream! }
  const head = entry.rebase
  if (head === undefined || head === expected || head === entry.state?.pushed) return { kind: 'none' }
  return entry.state ? { kind: 'pushed', sha: head } : { kind: 'unaccounted', sha: head }
}

/** Shas in an entry's branches that may hold work the action did not produce (kept before deleting). */
export function foreignShas(entry: CarrierEntry, expected?: string): string[] {
  const shas: string[] = []
  if (baseMoved(entry)) shas.push(entry.upstream!)
  const head = entry.rebase
  if (head !== undefined && head !== entry.state?.pushed && head !== expected) shas.push(head)
  return shas
}
