import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { parseSeries, patchLevel, type SeriesEntry } from '../packaging/debian/series.js'
import { rebuildPatch } from './dep3.js'
import { ifPresent } from '../files/if-present.js'
import { attempt } from './attempt.js'
import { normalisedChange } from './normalise.js'
import { followedPatch, insertSeriesLine, positionAfter, replaceSeriesLine } from './series-edit.js'
import type { PatchVerdict, SourcePatch, Verdict } from './verdicts.js'

const SERIES = 'debian/patches/series'

export interface PortRequest {
  /** The fork's files the patches read (debian/patches and every file they name); updated in place. */
  dir: string
  /** An empty directory to work in. */
  scratch: string
  /** The source version's series, for where each patch stood. */
  sourceSeries: readonly SeriesEntry[]
  patches: readonly SourcePatch[]
  /** The `Backported-by:` text of refreshed patches. */
  note: string
}

/**
 * Gives each patch its verdict, in series order. Those that apply are written into `dir` (file and series
 * line) before the next one is tried, so each sees the ones before it; conflicts leave `dir` alone.
 */
export async function portPatches(request: PortRequest): Promise<PatchVerdict[]> {
  const verdicts: PatchVerdict[] = []
  for (const patch of request.patches) {
    const verdict = await portOne(request, patch)
    verdicts.push({ patch, verdict })
  }
  return verdicts
}

async function portOne(request: PortRequest, patch: SourcePatch): Promise<Verdict> {
  const { dir } = request
  const series = (await ifPresent(readFile(join(dir, SERIES), 'utf8'), SERIES)) ?? ''
  // an entry naming a file outside debian/patches is no patch of the fork's (the build refuses it anyway)
  const fork = parseSeries(series).filter((entry) => !entry.name.split('/').includes('..'))
  const carried = await alreadyCarried(dir, fork, patch)
  if (carried) return { kind: 'skipped', as: carried }
  const same = fork.find((entry) => entry.name === patch.name)
  const kept = fork.filter((entry) => entry !== same)
  let after = same ? undefined : followedPatch(fork, request.sourceSeries, patch.name)
  let tried = await attempt(request, patch, kept, same ? fork.indexOf(same) : positionAfter(kept, after))
  // a patch that breaks a fork patch after it goes to the end instead, where it breaks nothing
  if (tried === 'blocks' && !same) {
    after = undefined
    tried = await attempt(request, patch, kept, kept.length)
  }
  if (tried === 'blocks') return blocking
  if (tried.kind === 'absorbed') return { kind: 'absorbed' }
  if (tried.kind === 'fails') {
    const { output, files, hunks, rejects, reason } = tried
    return { kind: 'conflict', output, files, hunks, rejects, ...(reason ? { reason } : {}) }
  }
  const refreshed = tried.kind === 'refreshed' ? tried : undefined
  const line = refreshed ? patch.name : patch.line
  await mkdir(dirname(join(dir, 'debian/patches', patch.name)), { recursive: true })
  await writeFile(
    join(dir, 'debian/patches', patch.name),
    refreshed ? rebuildPatch(patch.text, refreshed.diff, request.note) : patch.text,
  )
  await writeFile(
    join(dir, SERIES),
    same ? replaceSeriesLine(series, patch.name, line) : insertSeriesLine(series, line, after),
  )
  const replaces = same !== undefined
  return refreshed
    ? { kind: 'refreshed', how: refreshed.how, after, replaces }
    : { kind: 'added', after, replaces }
}

const blocking: Verdict = {
  kind: 'conflict',
  output: 'a later patch of the fork no longer applies after it',
  files: [],
  hunks: [],
  rejects: '',
}

/** The fork patch that already makes this change: the same file under its name, or the same normalised diff. */
async function alreadyCarried(
  dir: string,
  fork: readonly SeriesEntry[],
  patch: SourcePatch,
): Promise<string | undefined> {
  const change = normalisedChange(patch.text, patch.level)
  for (const entry of fork) {
    const path = `debian/patches/${entry.name}`
    const text = (await ifPresent(readFile(join(dir, path), 'utf8'), path)) ?? ''
    if (entry.name === patch.name && text === patch.text) return entry.name
    if (change !== '' && normalisedChange(text, patchLevel(entry)) === change) return entry.name
  }
  return undefined
}
