import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { parsePatchOutput, type FailedHunk } from '../packaging/debian/patch-output.js'
import { applyPatch, movedOrFuzzed, undoPatch } from './gnu-patch.js'
import { diffFromBackups } from './refresh.js'

/** Why a patch was rewritten: hunks moved, context ignored, or another strip level than dpkg-source's -p1. */
export type RefreshReason = 'offsets' | 'fuzz' | 'level'

/** How one patch meets a tree (the fork's, with the patches before it applied). */
export type Attempt =
  /** Applied at fuzz 0 without offsets; left applied. */
  | { kind: 'applies' }
  /** Applied only with offsets or fuzz; left applied; `diff` is its hunks rewritten for this tree. */
  | { kind: 'refreshed'; how: RefreshReason; diff: string }
  /** Its reverse applies: the tree already has the change. Nothing left applied. */
  | { kind: 'absorbed' }
  /** Neither: what GNU patch said, the files and hunks it rejected. Nothing left applied. */
  | { kind: 'fails'; output: string; files: string[]; hunks: FailedHunk[]; rejects: string; reason?: string }

/**
 * Tries a patch forward at fuzz 0, then in reverse (absorbed), then with GNU patch's default fuzz of 2.
 * `rewrite` asks for the rewritten diff even when it applies cleanly (a `-p0` patch becomes `-p1`).
 */
export async function tryPatch(
  tree: string,
  file: string,
  level: number,
  scratch: string,
  rewrite = false,
): Promise<Attempt> {
  const backups = join(scratch, 'backups')
  const exact = await applyPatch(tree, file, { level, fuzz: 0, backups })
  if (exact.code === 0) {
    const moved = movedOrFuzzed(exact.output)
    if (!moved && !rewrite) return done({ kind: 'applies' }, backups)
    return refreshed(tree, backups, moved ?? 'level')
  }
  await undoPatch(tree, backups)
  const reverse = await applyPatch(tree, file, { level, fuzz: 0, backups, reverse: true })
  await undoPatch(tree, backups)
  // "Ignoring -R": patch created a file forward instead, which proves nothing is there already
  if (reverse.code === 0 && !/Ignoring -R\./.test(reverse.output)) return { kind: 'absorbed' }
  const rejects = join(scratch, 'rejects')
  const fuzzy = await applyPatch(tree, file, { level, fuzz: 2, backups, rejects })
  if (fuzzy.code === 0) return refreshed(tree, backups, movedOrFuzzed(fuzzy.output) ?? 'fuzz')
  await undoPatch(tree, backups)
  const { files, hunks, reason } = parsePatchOutput(exact.output, level)
  const rejected = await readFile(rejects, 'utf8').catch(() => '')
  await rm(rejects, { force: true })
  return {
    kind: 'fails',
    output: exact.output,
    files,
    hunks,
    rejects: rejected,
    ...(reason ? { reason } : {}),
  }
}

async function refreshed(tree: string, backups: string, how: RefreshReason): Promise<Attempt> {
  const diff = await diffFromBackups(tree, backups)
  return done({ kind: 'refreshed', how, diff }, backups)
}

async function done(attempt: Attempt, backups: string): Promise<Attempt> {
  await rm(backups, { recursive: true, force: true })
  return attempt
}
