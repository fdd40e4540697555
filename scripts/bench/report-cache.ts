// Item 4 in bench/RESULTS.md: cold runs against runs with a filled cache-dir, each as a ratio.
import type { CacheBench, CacheCase, CacheRun } from './cache.js'
import { table, verdict, type Rendered } from './markdown.js'
import { bytes, list, median, percent, ratio, secs } from './measure.js'

/** cached / cold: as a factor, or as a percentage when the cache took it below a tenth. */
const share = (part: number, whole: number) =>
  part / whole < 0.1 ? percent(part, whole) : ratio(part, whole)

const med = (runs: readonly CacheRun[], value: (r: CacheRun) => number) => median(runs.map(value))
const received = (r: CacheRun) => r.upstreamBytes + r.forkBytes

/** Cached / cold, as the median of the ratios of the runs made back to back. */
const paired = (c: CacheCase) => median(c.cached.map((r, i) => r.seconds / (c.cold[i]?.seconds ?? NaN)))

const sameOutcome = (c: CacheCase) => c.cached.every((r) => r.outcome === c.cold[0]?.outcome)
const origFromCache = (c: CacheCase) => c.cached.filter((r) => r.origCached).length
const skippedPristineTar = (c: CacheCase) =>
  origFromCache(c) === c.cached.length && c.cached.every((r) => r.pristineTar === 0)

function caseTable(c: CacheCase): string {
  const row = (what: string, value: (r: CacheRun) => number, show: (n: number) => string) => {
    const cold = med(c.cold, value)
    const cached = med(c.cached, value)
    return [what, show(cold), show(cached), share(cached, cold)]
  }
  const count = (n: number) => n.toLocaleString('en')
  return table(
    ['median of the runs', 'cold (no cache)', 'cached', 'cached / cold'],
    [
      [
        '**wall (process start to exit)**',
        `**${secs(med(c.cold, (r) => r.seconds))}**`,
        `**${secs(med(c.cached, (r) => r.seconds))}**`,
        `**${paired(c).toFixed(2)}×** (paired; of the medians ${ratio(
          med(c.cached, (r) => r.seconds),
          med(c.cold, (r) => r.seconds),
        )})`,
      ],
      row('Cache stage (look-up)', (r) => r.stages.Cache ?? 0, secs),
      row('Fetch stage', (r) => r.stages.Fetch ?? 0, secs),
      row('Build stage', (r) => r.stages.Build ?? 0, secs),
      row('… of which pristine-tar', (r) => r.pristineTar, secs),
      row('**bytes received** (upstream + fork, HTTP bodies)', received, bytes),
      row('… from upstream', (r) => r.upstreamBytes, bytes),
      row('… from the fork', (r) => r.forkBytes, bytes),
      row('… in packs (`fetch` responses)', (r) => r.packBytes, bytes),
      row("work repository's own objects", (r) => r.ownObjects, count),
      row("work repository's own size", (r) => r.ownKiB * 1024, bytes),
      ['orig tarball from the cache', '–', `${origFromCache(c)} of ${c.cached.length} runs`, ''],
      ['same commit, version and file sha256 as cold', '', sameOutcome(c) ? 'yes' : '**no**', ''],
    ],
  )
}

/** What the cache saved in this case, in seconds of the medians. */
function caseNote(c: CacheCase): string {
  const saved = (value: (r: CacheRun) => number) => med(c.cold, value) - med(c.cached, value)
  const wall = saved((r) => r.seconds)
  const orig = origFromCache(c)
  return (
    `Median savings: Fetch ${secs(saved((r) => r.stages.Fetch ?? 0))}, pristine-tar ` +
    `${secs(saved((r) => r.pristineTar))}; the wall time ${wall >= 0 ? 'fell' : 'rose'} by ${secs(Math.abs(wall))}. ` +
    (orig === 0
      ? 'No cached run found its orig tarball in the cache (a new upstream version), so pristine-tar ran in each.'
      : orig === c.cached.length
        ? 'Every cached run copied the orig tarball from the cache.'
        : `${orig} of ${c.cached.length} cached runs copied the orig tarball from the cache.`)
  )
}

export function renderCache(c: CacheBench | undefined, reps: number): Rendered {
  if (!c) return { section: '', rows: [] }
  const [update, revision] = c.cases
  const rows: string[][] = c.cases.map((x) => [
    `Cache effect, ${x.name}: cached run vs cold run (the issue sets no target)`,
    `wall ${paired(x).toFixed(2)}× (${secs(med(x.cached, (r) => r.seconds))} vs ${secs(med(x.cold, (r) => r.seconds))}); ` +
      `bytes received ${share(med(x.cached, received), med(x.cold, received))} ` +
      `(${bytes(med(x.cached, received))} vs ${bytes(med(x.cold, received))}); ` +
      `own objects ${share(
        med(x.cached, (r) => r.ownObjects),
        med(x.cold, (r) => r.ownObjects),
      )}`,
    '–',
  ])
  rows.push([
    'Cached runs build what cold runs build (same commit, version, file sha256)',
    c.cases.map((x) => `${x.name}: ${sameOutcome(x) ? 'identical' : 'different'}`).join('; '),
    verdict(c.cases.every(sameOutcome)),
  ])
  if (revision) {
    rows.push([
      'Cache, Debian revision: the cached orig tarball skips pristine-tar',
      `orig from the cache in ${origFromCache(revision)} of ${revision.cached.length} runs, pristine-tar ` +
        `${secs(med(revision.cached, (r) => r.pristineTar))} (cold ${secs(med(revision.cold, (r) => r.pristineTar))})`,
      verdict(skippedPristineTar(revision)),
    ])
  }
  const raw = c.cases.flatMap((x) => [
    [x.name, 'cold', list(x.cold.map((r) => r.seconds)), x.cold.map((r) => bytes(received(r))).join(', ')],
    [
      x.name,
      'cached',
      list(x.cached.map((r) => r.seconds)),
      x.cached.map((r) => bytes(received(r))).join(', '),
    ],
  ])
  const section = `## 4. Cache effect: a run with the cache an earlier run left

The package of item 2 (${c.shape.files.toLocaleString('en')} files, \`${c.shape.origName}\`
${(c.shape.origBytes / 1e6).toFixed(1)} MB, pristine-tar), served over HTTP by the bench's counting server
(fork and upstream each), publishing to the local OBS server. The cache is a \`cache-dir\` (what the Actions
cache would restore): it was filled by one run of \`mode: build\` on the previous release while upstream
had only \`debian/1%2.3.21-1\` (${secs(c.fill.seconds)}, ${bytes(c.fill.cacheBytes)} on disk: upstream objects
and the 2.3.21 orig tarball). Every cached run gets a fresh copy of its cache; cold runs pass \`cache: false\`.
Cold and cached runs alternate (the first of a pair alternating too), each from the same fork state and an
OBS package holding the previous release; medians of ${reps} repetitions.

### (a) ${update?.what ?? ''}

${update ? `${caseTable(update)}\n\n${caseNote(update)}` : ''}

### (b) ${revision?.what ?? ''}

${revision ? `${caseTable(revision)}\n\n${caseNote(revision)}` : ''}

"Own objects" are what the run's work repository holds itself (\`git count-objects -v\`; objects borrowed
through the cache's alternates are not counted), as in test/cache/second-run.test.ts. They exceed the
bytes received: they include what the rebase wrote, and git stores a received thin pack completed with its
delta bases (or, under 100 objects, unpacked). All transfers are local (127.0.0.1): a slower link makes the bytes saved worth more seconds than
here. pristine-tar is timed by a wrapper on PATH (its \`checkout\` calls, in whichever stage they run).
Raw runs:

${table(['case', 'run', 'wall seconds', 'bytes received'], raw)}
`
  return { section, rows }
}
