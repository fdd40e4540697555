import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseSeries, patchLevel, type SeriesEntry } from '../packaging/debian/series.js'
import { rebuildPatch } from './dep3.js'
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
  const series = await readFile(join(dir, SERIES), 'utf8').catch(() => '')
  const fork = parseSeries(series)
  const texts = new Map<string, string>()
  for (const entry of fork)
    texts.set(entry.name, await readFile(join(dir, 'debian/patches', entry.name), 'utf8').catch(() => ''))
  const same = fork.find((entry) => entry.name === patch.name)
  if (same && texts.get(same.name) === patch.text) return { kind: 'skipped', as: same.name }
  const change = normalisedChange(patch.text, patch.level)
  const carried = fork.find(
    (entry) => change !== '' && normalisedChange(texts.get(entry.name)!, patchLevel(entry)) === change,
  )
  if (carried) return { kind: 'skipped', as: carried.name }

  const kept = fork.filter((entry) => entry !== same)
  const after = same
    ? kept[fork.indexOf(same) - 1]?.name
    : followedPatch(fork, request.sourceSeries, patch.name)
  const at = same ? fork.indexOf(same) : positionAfter(kept, after)
  let tried = await attempt(request, patch, kept, at)
  let placedAfter = same ? after : after
  // a patch that breaks a fork patch after it goes to the end instead, where it breaks nothing
  if (tried === 'blocks' && !same) {
    tried = await attempt(request, patch, kept, kept.length)
    placedAfter = undefined
  }
  if (tried === 'blocks')
    tried = {
      kind: 'fails',
      output: 'a later patch of the fork no longer applies after it',
      files: [],
      hunks: [],
      rejects: '',
    }
  if (tried.kind === 'absorbed') return { kind: 'absorbed' }
  if (tried.kind === 'fails') {
    const { output, files, hunks, rejects, reason } = tried
    return { kind: 'conflict', output, files, hunks, rejects, ...(reason ? { reason } : {}) }
  }
  const text = tried.kind === 'applies' ? patch.text : rebuildPatch(patch.text, tried.diff, request.note)
  const line = tried.kind === 'applies' ? patch.line : patch.name
  await mkdir(join(dir, 'debian/patches', patch.name, '..'), { recursive: true })
  await writeFile(join(dir, 'debian/patches', patch.name), text)
  await writeFile(
    join(dir, SERIES),
    same ? replaceSeriesLine(series, patch.name, line) : insertSeriesLine(series, line, placedAfter),
  )
  const replaces = same !== undefined
  return tried.kind === 'applies'
    ? { kind: 'added', after: placedAfter, replaces }
    : { kind: 'refreshed', how: tried.how, after: placedAfter, replaces }
}
