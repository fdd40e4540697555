import { cp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { patchLevel, type SeriesEntry } from '../packaging/debian/series.js'
import { applyPatch } from './gnu-patch.js'
import { tryPatch, type Attempt } from './try-patch.js'
import type { SourcePatch } from './verdicts.js'

/** Where a patch is tried: the fork's files it reads, and an empty directory to work in. */
export interface AttemptPlace {
  dir: string
  scratch: string
}

/** The patch tried on a copy of the fork's tree with its entries before `at` applied, then the rest after it. */
export async function attempt(
  request: AttemptPlace,
  patch: SourcePatch,
  fork: readonly SeriesEntry[],
  at: number,
): Promise<Attempt | 'blocks'> {
  const tree = join(request.scratch, 'tree')
  await rm(tree, { recursive: true, force: true })
  await cp(request.dir, tree, { recursive: true, verbatimSymlinks: true })
  for (const entry of fork.slice(0, at)) await applyForkPatch(request, tree, entry, true)
  const file = join(request.scratch, 'candidate.patch')
  await writeFile(file, patch.text)
  const result = await tryPatch(tree, file, patch.level, request.scratch, patch.level !== 1)
  if (result.kind !== 'applies' && result.kind !== 'refreshed') return result
  for (const entry of fork.slice(at))
    if (!(await applyForkPatch(request, tree, entry, false))) return 'blocks'
  return result
}

/** Applies one of the fork's own patches at fuzz 0; one before the new patch must apply, or the fork is broken. */
async function applyForkPatch(
  request: AttemptPlace,
  tree: string,
  entry: SeriesEntry,
  required: boolean,
): Promise<boolean> {
  const backups = join(request.scratch, 'fork-backups')
  const file = join(request.dir, 'debian/patches', entry.name)
  const applied = await applyPatch(tree, file, { level: patchLevel(entry), fuzz: 0, backups })
  await rm(backups, { recursive: true, force: true })
  if (applied.code !== 0 && required)
    throw new Error(
      `The fork's own patch debian/patches/${entry.name} does not apply at fuzz 0; fix the branch first:\n${applied.output}`,
    )
  return applied.code === 0
}
