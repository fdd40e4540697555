import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { makeOrigTarballs, type OrigOptions, type OrigResult } from '../packaging/debian/orig.js'
import { origVariant } from './keys.js'

export interface CachedOrig extends OrigResult {
  /** The tarballs came from the cache (an earlier run made them the same way). */
  cached: boolean
}

const METHOD_FILE = 'method'

/**
 * Orig tarballs through a cache directory: the tarballs of an upstream version are the same bytes on
 * every run (pristine-tar is bit-exact, git archive is made deterministic), so a later run, for example a
 * Debian revision on the same upstream version, copies them instead of making them again.
 */
export async function cachedOrigTarballs(
  cacheDir: string | undefined,
  options: OrigOptions,
): Promise<CachedOrig> {
  if (!cacheDir) return { ...(await makeOrigTarballs(options)), cached: false }
  const components = options.components ?? []
  const dir = join(cacheDir, origVariant(options.mode, components), options.upstreamVersion)
  const stems = [
    `${options.source}_${options.upstreamVersion}.orig`,
    ...components.map((c) => `${options.source}_${options.upstreamVersion}.orig-${c}`),
  ]
  const hit = await lookup(dir, stems)
  if (hit) {
    const outDir = resolve(options.outDir)
    await mkdir(outDir, { recursive: true })
    const files: string[] = []
    for (const name of hit.names) {
      await copyFile(join(dir, name), join(outDir, name))
      files.push(join(outDir, name))
    }
    return { files, method: hit.method, cached: true }
  }
  const made = await makeOrigTarballs(options)
  await store(dir, made).catch(() => undefined) // the cache is an optimisation: a failed write costs nothing
  return { ...made, cached: false }
}

async function lookup(
  dir: string,
  stems: readonly string[],
): Promise<{ names: string[]; method: OrigResult['method'] } | undefined> {
  let entries: string[]
  let method: string
  try {
    entries = await readdir(dir)
    method = (await readFile(join(dir, METHOD_FILE), 'utf8')).trim()
  } catch {
    return undefined
  }
  if (method !== 'pristine-tar' && method !== 'git-archive') return undefined
  const names: string[] = []
  for (const stem of stems) {
    const name = entries.find((entry) => entry.startsWith(`${stem}.tar.`))
    if (!name) return undefined
    names.push(name)
  }
  return { names, method }
}

/** Writes the set into a fresh directory and renames it into place: readers see all of it or nothing. */
async function store(dir: string, made: OrigResult): Promise<void> {
  const staging = `${dir}.tmp-${process.pid}`
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  for (const file of made.files) await copyFile(file, join(staging, basename(file)))
  await writeFile(join(staging, METHOD_FILE), `${made.method}\n`)
  await rm(dir, { recursive: true, force: true })
  await rename(staging, dir)
}
