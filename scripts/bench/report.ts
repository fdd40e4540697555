// bench/RESULTS.md from the figures: the targets (target, measured, met), then each item's figures as tables
// of records. What each item measures is said atop its scripts/bench/*.ts file; raw figures: bench/out/.
import type { BenchData as Full } from './main.js'
import { median } from './measure.js'
import { packs, traffic } from './servers.js'

type BenchData = Partial<Full> &
  Pick<Full, 'date' | 'machine' | 'seconds' | 'reps' | 'updateReps' | 'cacheReps'>
type Item<K extends keyof Full> = NonNullable<Full[K]>
type CacheRun = Item<'cache'>['cases'][number]['cold'][number]
type Runs = readonly { seconds: number }[]
type Row = Record<string, unknown>

const secs = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} s` : '–')
const MiB = 1024 ** 2
function bytes(n: number): string {
  if (!Number.isFinite(n)) return '–'
  if (n < 10_000) return `${n} B`
  return n < MiB ? `${(n / 1024).toFixed(1)} KiB` : `${(n / MiB).toFixed(2)} MiB`
}
/** A ratio as a percentage with enough digits to be read at 0.1 % and 0.001 %. */
const pct = (part: number, whole: number, v = (100 * part) / whole) =>
  Number.isFinite(v) ? `${v.toFixed(v >= 10 ? 1 : v >= 0.1 ? 2 : 4)} %` : '–'
const x = (part: number, whole: number, v = part / whole) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–')
/** part / whole as a factor, or as a percentage when below a tenth. */
const share = (part: number, whole: number) => (part / whole < 0.1 ? pct(part, whole) : x(part, whole))
const med = <T>(runs: readonly T[], value: (r: T) => number) => median(runs.map(value))
const met = (ok: boolean) => (ok ? '**met**' : '**not met**')
const num = (n: number) => n.toLocaleString('en')
/** Median of the ratios of runs made back to back: a pair shares the load from elsewhere more than two medians do. */
const paired = (a: Runs, b: Runs) => median(a.map((r, i) => r.seconds / (b[i]?.seconds ?? NaN)))
const fastest = (runs: Runs) => Math.min(...runs.map((r) => r.seconds))

/** A figure by the unit its key ends with (…Seconds, …Bytes, …Ratio); a list item by item. */
function cell(key: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => cell(key, v)).join(', ') || '–'
  if (typeof value !== 'number') return value === undefined || value === '' ? '–' : String(value)
  if (/seconds$/i.test(key)) return secs(value)
  return /bytes$/i.test(key) ? bytes(value) : /ratio$/i.test(key) ? x(value, 1) : num(value)
}
/** Records as one Markdown table, their keys (camelCase split into words) as the columns. */
function table(records: readonly Row[]): string {
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))]
  const line = (cells: string[]) => `| ${cells.join(' | ')} |\n`
  const name = (key: string) => key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)
  const rows = records.map((r) => line(keys.map((k) => cell(k, r[k]))))
  return `${line(keys.map(name))}|${keys.map(() => '---').join('|')}|\n${rows.join('')}`
}
function section(title: string, ...tables: Row[][]): string {
  return `## ${title}\n\n${tables.map(table).join('\n')}`
}

function noop(d: BenchData, rows: string[]): string {
  if (!d.noop || d.noop.length === 0) return ''
  const points = d.noop.map(({ commits, history, file, http }) => {
    const [got, pack] = [traffic(http.noopRequests).received, packs(http.noopRequests)]
    return {
      ...{ commits, historyBytes: history.packBytes, files: history.files, tags: history.tags.length },
      ...{ baselineSeconds: median(file.baseline), noopSeconds: median(file.noop) },
      ...{ httpBaselineSeconds: median(http.baseline), httpNoopSeconds: median(http.noop) },
      ...{ baselineBytes: http.baselineTraffic.received, noopBytes: got, refListingBytes: got - pack },
      packBytes: pack,
    }
  })
  const [small, big] = [points[0]!, points.at(-1)!]
  const at = `No-op run at ${num(big.commits)} commits`
  rows.push(
    `| ${at}: ≤ 5 % of the baseline's time | ${pct(big.noopSeconds, big.baselineSeconds)} (${secs(big.noopSeconds)} vs ${secs(big.baselineSeconds)}, file://); over HTTP ${pct(big.httpNoopSeconds, big.httpBaselineSeconds)} | ${met(big.noopSeconds <= 0.05 * big.baselineSeconds)} |`,
    `| ${at}: ≤ 1 % of the baseline's bytes | ${pct(big.noopBytes, big.baselineBytes)} (${bytes(big.noopBytes)} vs ${bytes(big.baselineBytes)}) | ${met(big.noopBytes <= 0.01 * big.baselineBytes)} |`,
    `| No-op run flat as history grows (${num(small.commits)} → ${num(big.commits)} commits): time and fetched pack ≤ 1.5× | time ${x(big.noopSeconds, small.noopSeconds)}, pack ${x(big.packBytes, small.packBytes)}; ref listings ${x(big.refListingBytes, small.refListingBytes)} (${small.tags} → ${big.tags} tags) | ${met(big.noopSeconds <= 1.5 * small.noopSeconds && big.packBytes <= 1.5 * small.packBytes)} |`,
    `| No-op run at ${big.tags} upstream tags: ≤ 20 KiB received in all (issue 16) | ${bytes(big.noopBytes)} (ref listings ${bytes(big.refListingBytes)}, pack ${bytes(big.packBytes)}) | ${met(big.noopBytes <= 20 * 1024)} |`,
  )
  const variants = [d.deepFork, d.foreignTags].flatMap((v) => (v ? [v] : []))
  const longest: Row[] = variants.map((v) => {
    const got = traffic(v.requests).received
    const run =
      'downstream' in v ? `no-op, ${v.downstream} fork commits` : `no-op, ${num(v.count)} other tags`
    rows.push(
      'downstream' in v
        ? `| … a fork carrying ${v.downstream} downstream commits: ≤ 1 % of the bytes, ≤ 5 % of the time (HTTP) | ${pct(got, big.baselineBytes)} (${bytes(got)}), ${pct(v.seconds, big.httpBaselineSeconds)} (${secs(v.seconds)}) | ${met(got <= 0.01 * big.baselineBytes && v.seconds <= 0.05 * big.httpBaselineSeconds)} |`
        : `| … after ${num(v.count)} upstream tags not matching \`upstream-tags\`: bytes unchanged (≤ +5 %) | ${bytes(got)} vs ${bytes(big.noopBytes)} | ${met(got <= 1.05 * big.noopBytes)} |`,
    )
    return { run, result: v.result, seconds: v.seconds, receivedBytes: got, packBytes: packs(v.requests) }
  })
  // issue 16: a cold update (a narrow fetch of what the new tag adds) on the longest history vs a full clone
  const up = d.longUpdate
  if (up && up.runs.length > 0) {
    const [got, clone] = [traffic(up.requests).received, traffic(up.baselineRequests).received]
    const [wall, cloneWall] = [median(up.runs), median(up.baseline)]
    rows.push(
      `| Cold update at ${num(up.commits)} commits (${up.commitsBetween} new upstream commits): ≤ 10 % of a full clone's bytes (issue 16) | ${pct(got, clone)} (${bytes(got)} vs ${bytes(clone)}, HTTP) | ${met(got <= 0.1 * clone)} |`,
      `| … and ≤ 25 % of its time (issue 16) | ${pct(wall, cloneWall)} (medians ${secs(wall)} vs ${secs(cloneWall)}) | ${met(wall <= 0.25 * cloneWall)} |`,
    )
    const run = `cold update ${up.oldTag} → ${up.newTag} (${up.commitsBetween} commits)`
    const figures = { result: 'updated', seconds: wall, receivedBytes: got, packBytes: packs(up.requests) }
    longest.push({ run, ...figures, cloneSeconds: cloneWall, cloneBytes: clone })
  }
  const title = '1. No-op scheduled run vs "clone the fork and fetch the upstream tags"'
  return section(title, points, longest)
}

function update(u: Item<'update'> | undefined, rows: string[]): string {
  if (!u) return ''
  const [action, manual] = [med(u.action, (r) => r.seconds), med(u.manual, (r) => r.seconds)]
  const [ratio, best] = [paired(u.action, u.manual), fastest(u.action) / fastest(u.manual)]
  const updates = [...u.action, ...u.reruns.filter((r) => r.obs.minimum > 0)].map((r) => r.obs)
  const zero = u.reruns.filter((r) => r.obs.minimum === 0)
  rows.push(
    `| Full update ≤ 0.5× the manual procedure | ${ratio.toFixed(2)}× (median of the ${u.action.length} back-to-back pairs; medians ${secs(action)} vs ${secs(manual)} = ${x(action, manual)}) | ${met(ratio <= 0.5)} |`,
    `| Full update, fastest run vs fastest run: ≤ 0.5× (issue 16) | ${best.toFixed(2)}× (${secs(fastest(u.action))} vs ${secs(fastest(u.manual))}) | ${met(best <= 0.5)} |`,
    `| OBS bytes uploaded = bytes of the files whose md5 changed (ratio 1.00) | ${updates.map((o) => (o.uploaded / o.minimum).toFixed(2)).join(', ')} | ${met(updates.every((o) => o.uploaded === o.minimum))} |`,
    `| A re-run uploads 0 bytes and makes no revision | ${zero.map((r) => `${r.obs.uploaded} B, revision ${r.obs.revisionBefore} → ${r.obs.revisionAfter}`).join('; ')} | ${met(zero.every((r) => r.obs.uploaded === 0 && r.obs.revisionAfter === r.obs.revisionBefore))} |`,
  )
  type Run = { seconds: number; obs: Item<'update'>['reruns'][number]['obs'] }
  const obs = (run: string, { seconds, obs }: Run, result = 'published') => ({
    ...{ run, result, seconds, uploadedBytes: obs.uploaded, minimumBytes: obs.minimum },
    ...{ revision: `${obs.revisionBefore} → ${obs.revisionAfter}`, requests: obs.requests },
  })
  // per repetition the action run and the manual procedure after it; then the re-runs
  const runs = [
    ...u.action.map((r, i) => {
      const [manualSeconds, scratch] = [u.manual[i]?.seconds ?? NaN, r.scratch]
      return { ...obs(`update ${i + 1}`, r), manualSeconds, ratio: r.seconds / manualSeconds, scratch }
    }),
    ...u.reruns.map((r) => obs(r.name, r, r.result)),
  ]
  const title = '2–3. A full update vs the manual procedure; OBS bytes uploaded vs the minimum'
  return section(title, [u.shape], runs)
}

function cache(c: Item<'cache'> | undefined, rows: string[]): string {
  if (!c) return ''
  const first = (k: Item<'cache'>['cases'][number]) => k.cold[0]?.outcome // what the other runs should build
  const same = (k: Item<'cache'>['cases'][number]) => k.cached.every((r) => r.outcome === first(k))
  const [got, own] = [(r: CacheRun) => r.upstreamBytes + r.forkBytes, (r: CacheRun) => r.ownObjects]
  const [revision, tar] = [c.cases[1]!, (r: CacheRun) => r.pristineTarSeconds]
  rows.push(
    ...c.cases.map(
      (k) =>
        `| Cache effect, ${k.name}: cached run vs cold run (no target) | wall ${paired(k.cached, k.cold).toFixed(2)}× (${secs(med(k.cached, (r) => r.seconds))} vs ${secs(med(k.cold, (r) => r.seconds))}); bytes received ${share(med(k.cached, got), med(k.cold, got))} (${bytes(med(k.cached, got))} vs ${bytes(med(k.cold, got))}); own objects ${share(med(k.cached, own), med(k.cold, own))} | – |`,
    ),
    `| Cached runs build what cold runs build (same commit, version, file sha256) | ${c.cases.map((k) => `${k.name}: ${same(k) ? 'identical' : 'different'}`).join('; ')} | ${met(c.cases.every(same))} |`,
    `| Cache, Debian revision: the cached orig tarball skips pristine-tar | pristine-tar ${secs(med(revision.cached, tar))} (cold ${secs(med(revision.cold, tar))}) | ${met(revision.cached.every((r) => r.origCached && tar(r) === 0))} |`,
  )
  const runs = c.cases.flatMap((k) =>
    [...k.cold, ...k.cached].map(({ outcome, stageSeconds: _s, ...r }, i) => {
      const run = i < k.cold.length ? 'cold' : 'cached'
      return { case: k.name, run, ...r, sameBuild: outcome === first(k) }
    }),
  )
  return section('4. Cache effect: cold runs vs runs with the cache an earlier run left', [c.fill], runs)
}

function packages(b: Full['packages'], rows: string[]): string {
  if (!b || b.points.length === 0) return ''
  const points = b.points.map((p) => ({ ...p, medianSeconds: median(p.seconds) }))
  const steps = points.slice(1).map((to, i) => ({ from: points[i]!, to }))
  const growth = (s: (typeof steps)[number]) => s.to.medianSeconds / s.from.medianSeconds
  const linear = (s: (typeof steps)[number]) => s.to.packages / s.from.packages
  rows.push(
    `| Many packages: \`check\` time grows no worse than linearly (${points.map((p) => p.packages).join(' → ')} packages) | ${steps.map((s) => `${s.from.packages} → ${s.to.packages}: ×${growth(s).toFixed(2)} (linear ×${linear(s)})`).join('; ')}; ${points.map((p) => `${secs(p.medianSeconds)} at ${p.packages}`).join(', ')} | ${met(steps.every((s) => growth(s) <= linear(s)))} |`,
    `| Many packages: the matrix lists exactly the packages with an update | ${points.map((p) => `${p.updates} of ${p.packages}: ${p.matrixOk ? 'yes' : 'no'}`).join('; ')} | ${met(points.every((p) => p.matrixOk))} |`,
  )
  const title = `5. Many packages: \`mode: check\` with a config file (concurrency ${b.concurrency}, ${b.cores} cores)`
  return section(title, points)
}

function archive(b: Item<'archive'> | undefined, rows: string[]): string {
  if (!b || b.update.length === 0) return ''
  type Run = Item<'archive'>['update'][number] | Item<'archive'>['baseline'][number]
  const fromArchive = (r: Run) => r.archive.reduce((n, q) => n + q.bytes, 0)
  const figures = (run: string, runs: readonly Run[]) => ({
    ...{ run, fromArchiveBytes: med(runs, fromArchive) },
    forkReceivedBytes: med(runs, (r) => ('git' in r ? r.git.received : NaN)),
    forkSentBytes: med(runs, (r) => ('git' in r ? r.git.sent : NaN)),
    ...{ toObsBytes: med(runs, (r) => r.obs.uploaded), fromObsBytes: med(runs, (r) => r.obs.received) },
    seconds: med(runs, (r) => r.seconds),
  })
  const [noop, update] = [figures('no-op run', b.noop), figures('full update', b.update)]
  const base = figures('baseline', b.baseline)
  const noopBytes = noop.fromArchiveBytes + med(b.noop, (r) => r.git.received)
  const ratio = paired(b.update, b.baseline)
  rows.push(
    `| Archive upstream, no-op run: ≤ 10 % of the bytes of \`apt-get source\` | ${pct(noopBytes, base.fromArchiveBytes)} (${bytes(noopBytes)} vs ${bytes(base.fromArchiveBytes)}); time ${secs(noop.seconds)} = ${pct(noop.seconds, base.seconds)} of the baseline's | ${met(noopBytes <= 0.1 * base.fromArchiveBytes)} |`,
    `| Archive upstream, full update to OBS ≤ 0.5× \`apt-get source\` + \`dpkg-source -b\` + \`osc\` | ${ratio.toFixed(2)}× (median of the ${b.update.length} back-to-back pairs; medians ${secs(update.seconds)} vs ${secs(base.seconds)} = ${x(update.seconds, base.seconds)}; fastest vs fastest ${x(fastest(b.update), fastest(b.baseline))}) | ${met(ratio <= 0.5)} |`,
  )
  const { versions, ...shape } = b.shape
  const title = '6. Archive upstream: no-op run and full update vs `apt-get source`, `dpkg-source -b`, `osc`'
  // the import's unpack (dpkg-source -x) of the update's source package, on disk and in /dev/shm
  const unpack = (on: string, times: number[] = []) => ({ run: `unpack, ${on}`, seconds: median(times) })
  const unpacks = [unpack('disk', b.unpack?.disk), unpack('/dev/shm', b.unpack?.memory)]
  return section(title, [{ ...shape, ...versions }], [noop, update, base, ...unpacks])
}

export function renderResults(d: BenchData, title = 'patch-carrier benchmarks'): string {
  const rows: string[] = []
  // in this order: each adds its target rows
  const sections = [noop(d, rows), update(d.update, rows), cache(d.cache, rows)]
  sections.push(packages(d.packages, rows), archive(d.archive, rows))
  const m = d.machine
  return `# ${title}

Written by \`npm run bench\` (scripts/bench.mjs, scripts/bench/) on ${d.date.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${(d.seconds / 60).toFixed(1)} min; raw figures in \`bench/out/\` (not committed). Each figure is measured against a baseline in the same run, interleaved with it; times are medians of ${d.reps} repetitions (${d.updateReps} for the full updates, ${d.cacheReps} for the cache).

Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} RAM, ${m.os}; ${m.git}, node ${m.node}, ${m.dpkg}, ${m.osc}; load average ${m.loadStart} at the start, ${m.loadEnd} at the end.

## Targets

| Target (issue 8, DESIGN.md "Targets"; issue 16) | Measured | |
|---|---|---|
${rows.join('\n')}

${sections.filter(Boolean).join('\n')}`
}
