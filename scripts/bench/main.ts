// The bench (npm run bench): item 1 (no-op run vs clone + fetch), items 2–3 (full update vs the manual
// procedure, OBS bytes vs the minimum), item 4 (cold vs cached runs), item 5 (check over many packages),
// item 6 (an archive upstream: no-op run and full update vs apt-get source + dpkg-source -b + osc);
// writes bench/RESULTS.md and the raw figures to bench/out/; item 6 also writes its own bench/ARCHIVE.md.
// Environment: BENCH_REPS (default 3), BENCH_UPDATE_REPS (default 5: the update's tree writes are the
// noisiest figures on a shared machine; item 4 takes it too, default 3), BENCH_SIZES (default 1000,10000,100000),
// BENCH_ONLY (noop|update|cache|packages|archive; BENCH_ONLY=archive writes bench/ARCHIVE.md and
// bench/out/archive.json only, leaving bench/RESULTS.md alone; item 6 takes BENCH_UPDATE_REPS too),
// BENCH_FRESH=1 (generate the histories again instead of reusing the cache), BENCH_CACHE_DIR (default
// $XDG_CACHE_HOME/patch-carrier-bench or ~/.cache/patch-carrier-bench: outside node_modules, so `npm ci`
// does not throw away ~6 minutes of generated repositories).
import { mkdir, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { removeTempDirs } from '../../test/support/tmp.js'
import {
  measureDeepFork,
  measureNoop,
  measureNoopForeignTags,
  measureUpdateOnLongHistory,
  type DeepForkPoint,
  type ForeignTagsPoint,
  type NoopPoint,
  type UpdatePoint,
} from './noop.js'
import { loadAverage, machine, renderResults } from './report.js'
import { measureUpdate, type UpdateBench } from './update.js'
import { measureCache, type CacheBench } from './cache.js'
import { measurePackages, type PackagesBench } from './packages.js'
import { measureArchive, type ArchiveBench } from './archive.js'
import { renderArchiveFile } from './report-archive.js'

const progress = (line: string) =>
  process.stdout.write(`bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s: ${line}\n`)
const started = performance.now()
const loadStart = await loadAverage()
const only = process.env.BENCH_ONLY ?? 'all'
const runs = (item: string) => only === 'all' || only === item
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number)
const reps = Number(process.env.BENCH_REPS ?? 3)
const updateReps = Number(process.env.BENCH_UPDATE_REPS ?? 5)
const cacheReps = Number(process.env.BENCH_UPDATE_REPS ?? 3)
const cacheDir =
  process.env.BENCH_CACHE_DIR ||
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'patch-carrier-bench')

try {
  const noop: NoopPoint[] = []
  let longUpdate: UpdatePoint | undefined
  let deepFork: DeepForkPoint | undefined
  let foreignTags: ForeignTagsPoint | undefined
  let update: UpdateBench | undefined
  let cache: CacheBench | undefined
  let packages: PackagesBench | undefined
  let archive: ArchiveBench | undefined
  if (runs('noop')) {
    for (const commits of sizes) {
      noop.push(
        await measureNoop({ commits, reps, cacheDir, fresh: process.env.BENCH_FRESH === '1', progress }),
      )
    }
    const commits = Math.max(...sizes)
    deepFork = await measureDeepFork({ commits, downstream: 100, cacheDir, progress })
    foreignTags = await measureNoopForeignTags({ commits, count: 1000, cacheDir, progress })
    longUpdate = await measureUpdateOnLongHistory({ commits, reps, cacheDir, progress })
  }
  if (runs('update')) update = await measureUpdate({ reps: updateReps, cacheDir, progress })
  if (runs('cache')) cache = await measureCache({ reps: cacheReps, cacheDir, progress })
  if (runs('packages')) packages = await measurePackages({ counts: [1, 10, 50], reps, progress })
  if (runs('archive'))
    archive = await measureArchive({
      reps: updateReps,
      cacheDir,
      fresh: process.env.BENCH_FRESH === '1',
      progress,
    })
  const seconds = (performance.now() - started) / 1000
  const data = {
    date: new Date(),
    machine: await machine(loadStart),
    seconds,
    reps,
    updateReps,
    cacheReps,
    cacheDir,
    noop,
    deepFork,
    foreignTags,
    longUpdate,
    update,
    cache,
    packages,
    archive,
  }
  await mkdir(join('bench', 'out'), { recursive: true })
  if (archive) {
    // formatted for `prettier --check .` (npm run lint): unlike RESULTS.md it is not in .prettierignore
    const path = join('bench', 'ARCHIVE.md')
    const { format, resolveConfig } = await import('prettier')
    const text = await format(renderArchiveFile(data), { ...(await resolveConfig(path)), filepath: path })
    await writeFile(path, text)
  }
  // the archive item alone leaves RESULTS.md (and its raw figures) as the last whole run wrote them
  const alone = only === 'archive'
  const raw = join('bench', 'out', alone ? 'archive.json' : 'results.json')
  await writeFile(raw, JSON.stringify(data, null, 2))
  if (!alone) await writeFile(join('bench', 'RESULTS.md'), renderResults(data))
  const written = alone ? 'bench/ARCHIVE.md' : 'bench/RESULTS.md'
  progress(`done in ${(seconds / 60).toFixed(1)} min: ${written}, raw figures in ${raw}`)
} finally {
  await removeTempDirs()
}
