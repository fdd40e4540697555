// The bench (npm run bench), items of issues 8 and 16, each measured in its own file: noop.ts (1), update.ts
// (2–3), cache.ts (4), packages.ts (5), archive.ts (6). Writes <out>/out/results.json (the raw figures) and
// <out>/RESULTS.md; with BENCH_ONLY=archive <out>/out/archive.json and <out>/ARCHIVE.md (also written from an
// archive item in a full run). BENCH_RENDER=1 measures nothing: it writes the Markdown again from <out>/out/.
// Environment: BENCH_OUT_DIR (default bench), BENCH_REPS (default 3), BENCH_UPDATE_REPS (items 2 and 6,
// default 5; item 4, default 3), BENCH_SIZES (default 1000,10000,100000), BENCH_ONLY (an item's file name),
// BENCH_FRESH=1 (generate the histories again), BENCH_CACHE_DIR (default ~/.cache/patch-carrier-bench, or
// under $XDG_CACHE_HOME), BENCH_ACTION (another build's dist/index.js to measure instead).
import { existsSync } from 'node:fs'
import { readFile, mkdir, writeFile } from 'node:fs/promises'
import { cpus, homedir, totalmem } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { removeTempDirs } from '../../test/support/tmp.js'
import { measureArchive } from './archive.js'
import { measureCache } from './cache.js'
import { since } from './measure.js'
import { measureNoop } from './noop.js'
import { measurePackages } from './packages.js'
import { renderResults } from './report.js'
import { measureUpdate } from './update.js'

const started = performance.now()
const progress = (line: string) =>
  process.stdout.write(`bench ${since(started).toFixed(0).padStart(4)} s: ${line}\n`)
const env = process.env
const only = env.BENCH_ONLY ?? 'all'
const runs = (item: string) => only === 'all' || only === item
const reps = Number(env.BENCH_REPS ?? 3)
const [updateReps, cacheReps] = [Number(env.BENCH_UPDATE_REPS ?? 5), Number(env.BENCH_UPDATE_REPS ?? 3)]
const cacheDir =
  env.BENCH_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'patch-carrier-bench')
const [out, fresh] = [env.BENCH_OUT_DIR || 'bench', env.BENCH_FRESH === '1']
const load = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')
const firstLine = (r: { stdout: string }) => r.stdout.split('\n')[0]?.trim() ?? ''
const version = (program: string, ...args: string[]) =>
  run(program, args, { okCodes: [0, 1, 2] }).then(firstLine, () => 'unknown')

async function measure() {
  const loadStart = await load()
  const sizes = (env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number)
  const options = { reps, cacheDir, fresh, progress }
  const items = {
    ...(runs('noop') ? await measureNoop({ ...options, sizes }) : {}),
    update: runs('update') ? await measureUpdate({ ...options, reps: updateReps }) : undefined,
    cache: runs('cache') ? await measureCache({ ...options, reps: cacheReps }) : undefined,
    packages: runs('packages') ? await measurePackages({ ...options, counts: [1, 10, 50] }) : undefined,
    archive: runs('archive') ? await measureArchive({ ...options, reps: updateReps }) : undefined,
  }
  const [cpu, cores, memory] = [cpus()[0]?.model ?? 'unknown', cpus().length, totalmem() / 1024 ** 3]
  const os = (await version('sh', '-c', '. /etc/os-release && echo "$PRETTY_NAME"')) || 'unknown'
  const [git, dpkg] = [await version('git', '--version'), await version('dpkg-source', '--version')]
  const osc = `osc ${await version('/usr/bin/python3', '/usr/bin/osc', '--version')}`
  const tools = { os, git, node: process.version, dpkg, osc }
  const loadEnd = await load()
  const machine = { cpu, cores, memory: `${memory.toFixed(0)} GiB`, ...tools, loadStart, loadEnd }
  const seconds = since(started)
  return { date: new Date(), machine, seconds, reps, updateReps, cacheReps, ...items }
}
export type BenchData = Awaited<ReturnType<typeof measure>>

/** RESULTS.md (unless `alone`) and, with an archive item, ARCHIVE.md from the figures. */
async function writeReports(data: BenchData, alone: boolean) {
  if (!alone) await writeFile(join(out, 'RESULTS.md'), renderResults(data))
  if (!data.archive) return
  // formatted for `prettier --check .` (npm run lint): unlike RESULTS.md it is not in .prettierignore
  const path = join(out, 'ARCHIVE.md')
  const { format, resolveConfig } = await import('prettier')
  const base = { ...data, noop: undefined, update: undefined, cache: undefined, packages: undefined }
  const text = renderResults(base, 'patch-carrier benchmark: archive upstream (item 6)')
  await writeFile(path, await format(text, { ...(await resolveConfig(path)), filepath: path }))
}

/** The raw figures a run wrote, as measured (the date back to a Date). */
async function readFigures(name: string): Promise<BenchData | undefined> {
  const path = join(out, 'out', name)
  if (!existsSync(path)) return undefined
  const data = JSON.parse(await readFile(path, 'utf8')) as BenchData
  return { ...data, date: new Date(data.date) }
}

try {
  if (env.BENCH_RENDER === '1') {
    const [results, archive] = [await readFigures('results.json'), await readFigures('archive.json')]
    if (results) await writeReports({ ...results, archive: results.archive ?? archive?.archive }, false)
    else if (archive) await writeReports(archive, true)
    progress(`rendered ${out}/*.md from ${out}/out/`)
  } else {
    const data = await measure()
    await mkdir(join(out, 'out'), { recursive: true })
    const alone = only === 'archive'
    const json = JSON.stringify({ ...data, cacheDir }, null, 2)
    await writeFile(join(out, 'out', alone ? 'archive.json' : 'results.json'), json)
    await writeReports(data, alone)
    progress(`done in ${(data.seconds / 60).toFixed(1)} min: ${out}/*.md, raw figures in ${out}/out/`)
  }
} finally {
  await removeTempDirs()
}
