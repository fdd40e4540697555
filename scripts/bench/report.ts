// bench/RESULTS.md: the figures, each as a ratio against its same-run baseline, the targets, the method
// and what was not measured.
import { cpus, homedir, totalmem } from 'node:os'
import { run } from '../../src/process/run.js'
import { bytes, list, median, percent, ratio, secs } from './measure.js'
import type { DeepForkPoint, ForeignTagsPoint, NoopPoint, RequestInfo, UpdatePoint } from './noop.js'
import type { Breakdown, UpdateBench } from './update.js'
import type { CacheBench } from './cache.js'
import type { PackagesBench } from './packages.js'
import { renderCache } from './report-cache.js'
import { renderPackages } from './report-packages.js'
import type { ArchiveBench } from './archive.js'
import { renderArchive } from './report-archive.js'
import { table, verdict } from './markdown.js'

export interface Machine {
  cpu: string
  cores: number
  memory: string
  os: string
  git: string
  node: string
  dpkg: string
  osc: string
  /** Load averages when the bench started and ended. */
  loadStart: string
  loadEnd: string
}

const loadAverage = async (): Promise<string> =>
  (await run('cat', ['/proc/loadavg'])).stdout.split(' ').slice(0, 3).join(' ')

export async function machine(loadStart: string): Promise<Machine> {
  const version = async (program: string, args: string[]) => {
    try {
      return (await run(program, args, { okCodes: [0, 1, 2] })).stdout.split('\n')[0]?.trim() ?? ''
    } catch {
      return 'unknown'
    }
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(0)} GiB`,
    os: (await version('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"'])) || 'unknown',
    git: await version('git', ['--version']),
    node: process.version,
    dpkg: await version('dpkg-source', ['--version']),
    osc: `osc ${await version('/usr/bin/python3', ['/usr/bin/osc', '--version'])}`,
    loadStart,
    loadEnd: await loadAverage(),
  }
}

export { loadAverage }

export interface BenchData {
  date: Date
  machine: Machine
  seconds: number
  reps: number
  updateReps: number
  /** Where the generated repositories are cached between runs. */
  cacheDir: string
  noop: NoopPoint[]
  deepFork?: DeepForkPoint
  foreignTags?: ForeignTagsPoint
  longUpdate?: UpdatePoint
  update?: UpdateBench
  /** Repetitions of item 4 (cold vs cached runs). */
  cacheReps?: number
  cache?: CacheBench
  packages?: PackagesBench
  archive?: ArchiveBench
}

/** Bytes of ref listings (info/refs + ls-refs) and of packs (fetch) among a run's requests. */
function split(requests: readonly RequestInfo[]): { refs: number; packs: number } {
  const packs = requests.filter((r) => r.command === 'fetch').reduce((n, r) => n + r.received, 0)
  const all = requests.reduce((n, r) => n + r.received, 0)
  return { refs: all - packs, packs }
}

function noopFigures(point: NoopPoint) {
  const baseline = median(point.file.baseline)
  const noop = median(point.file.noop)
  const httpBaseline = median(point.http.baseline)
  const httpNoop = median(point.http.noop)
  return {
    baseline,
    noop,
    httpBaseline,
    httpNoop,
    baselineBytes: point.http.baselineTraffic.received,
    noopBytes: point.http.noopTraffic.received,
    noopSplit: split(point.http.noopRequests),
  }
}

/**
 * Action / manual, as the median of the ratios of runs made back to back: load from elsewhere changes
 * over minutes, so a pair shares it more than two medians do.
 */
const pairedRatio = (u: UpdateBench): number =>
  median(u.action.map((r, i) => r.seconds / (u.manual[i]?.seconds ?? Number.NaN)))

/** Stage medians of the action, and the manual steps grouped into the same stages. */
const manualStages: Record<string, string[]> = {
  'Fetch (clone)': ['git clone', 'git fetch upstream'],
  Rebase: ['git rebase', 'changelog + commit'],
  'Build: orig tarball': ['pristine-tar checkout'],
  'Build: dpkg-source -b': ['dpkg-source -b'],
  'Publish (osc)': ['osc checkout', 'osc rm', 'copy files', 'osc add', 'osc commit'],
  Push: ['git push'],
}

function summary(data: BenchData): string {
  const rows: string[][] = []
  const big = data.noop.at(-1)
  if (big) {
    const f = noopFigures(big)
    const small = noopFigures(data.noop[0]!)
    const timeShare = f.noop / f.baseline
    const byteShare = f.noopBytes / f.baselineBytes
    rows.push([
      `No-op run at ${big.commits.toLocaleString('en')} commits: ≤ 5 % of the baseline's time`,
      `${percent(f.noop, f.baseline)} (${secs(f.noop)} vs ${secs(f.baseline)}, file://); over HTTP ${percent(f.httpNoop, f.httpBaseline)}`,
      verdict(timeShare <= 0.05),
    ])
    rows.push([
      `No-op run at ${big.commits.toLocaleString('en')} commits: ≤ 1 % of the baseline's bytes`,
      `${percent(f.noopBytes, f.baselineBytes)} (${bytes(f.noopBytes)} vs ${bytes(f.baselineBytes)})`,
      verdict(byteShare <= 0.01),
    ])
    const timeGrowth = f.noop / small.noop
    const packGrowth = f.noopSplit.packs / small.noopSplit.packs
    rows.push([
      'No-op run flat as history grows',
      `${data.noop[0]!.commits.toLocaleString('en')} → ${big.commits.toLocaleString('en')} commits (×${big.commits / data.noop[0]!.commits}): ` +
        `time ${ratio(f.noop, small.noop)}, fetched pack ${ratio(f.noopSplit.packs, small.noopSplit.packs)} ` +
        `(${bytes(small.noopSplit.packs)} → ${bytes(f.noopSplit.packs)}); ref listings ${ratio(f.noopSplit.refs, small.noopSplit.refs)} ` +
        `(${bytes(small.noopSplit.refs)} → ${bytes(f.noopSplit.refs)}: they grow with the number of tags, ` +
        `${data.noop[0]!.history.tags.length} → ${big.history.tags.length}, i.e. O(refs)); ` +
        `baseline: time ${ratio(f.baseline, small.baseline)}, bytes ${ratio(f.baselineBytes, small.baselineBytes)}`,
      `${verdict(timeGrowth <= 1.5 && packGrowth <= 1.5)} for time and history-dependent bytes`,
    ])
    const deep = data.deepFork
    if (deep) {
      rows.push([
        `… also for a fork carrying ${deep.downstream} downstream commits (more than the probe’s first 16 commits)`,
        `${bytes(deep.traffic.received)} = ${percent(deep.traffic.received, f.baselineBytes)} of the baseline's bytes, ${secs(deep.seconds)} (${percent(deep.seconds, f.httpBaseline)} of the HTTP baseline's time)`,
        verdict(deep.traffic.received / f.baselineBytes <= 0.01 && deep.seconds / f.httpBaseline <= 0.05),
      ])
    }
    rows.push([
      `No-op run at ${big.history.tags.length} upstream tags: ≤ 20 KiB received in all (issue 16)`,
      `${bytes(f.noopBytes)} (ref listings ${bytes(f.noopSplit.refs)}, pack ${bytes(f.noopSplit.packs)})`,
      verdict(f.noopBytes <= 20 * 1024),
    ])
    const foreign = data.foreignTags
    if (foreign) {
      rows.push([
        '… flat as upstream adds tags that do not match upstream-tags',
        `${foreign.count.toLocaleString('en')} more tags (\`nightly/*\`, on upstream and fork): ${bytes(foreign.traffic.received)} vs ${bytes(f.noopBytes)}`,
        verdict(foreign.traffic.received <= f.noopBytes * 1.05),
      ])
    }
  }
  const up = data.longUpdate
  if (up && up.baseline.length > 0) {
    const clone = median(up.baseline)
    rows.push([
      `Cold update at ${up.commits.toLocaleString('en')} commits (${up.commitsBetween} new upstream commits): ≤ 10 % of a full clone's bytes (issue 16)`,
      `${percent(up.traffic.received, up.baselineTraffic.received)} (${bytes(up.traffic.received)} vs ${bytes(up.baselineTraffic.received)}, HTTP)`,
      verdict(up.traffic.received <= 0.1 * up.baselineTraffic.received),
    ])
    rows.push([
      '… and ≤ 25 % of its time (issue 16)',
      `${percent(up.seconds, clone)} (medians ${secs(up.seconds)} vs ${secs(clone)}; the fork accepted each push)`,
      verdict(up.seconds <= 0.25 * clone),
    ])
  }
  const u = data.update
  if (u) {
    const action = median(u.action.map((r) => r.seconds))
    const manual = median(u.manual.map((r) => r.seconds))
    const paired = pairedRatio(u)
    rows.push([
      'Full update ≤ 0.5× the manual procedure',
      `${paired.toFixed(2)}× (median of the ${u.action.length} back-to-back pairs; medians ${secs(action)} vs ${secs(manual)} = ${ratio(action, manual)})`,
      verdict(paired <= 0.5),
    ])
    const first = u.action[0]!.obs
    const updates = [
      ...u.action.map((r) => r.obs),
      ...u.reruns.filter((r) => r.obs.minimum > 0).map((r) => r.obs),
    ]
    const exact = updates.every((o) => o.uploaded === o.minimum)
    rows.push([
      'OBS bytes uploaded = bytes of the files whose md5 changed (ratio 1.00)',
      `${(first.uploaded / first.minimum).toFixed(2)} on the update (${bytes(first.uploaded)}); ` +
        u.reruns
          .filter((r) => r.obs.minimum > 0)
          .map(
            (r) =>
              `${(r.obs.uploaded / r.obs.minimum).toFixed(2)} on the ${r.name} (${bytes(r.obs.uploaded)})`,
          )
          .join('; '),
      verdict(exact),
    ])
    const zero = u.reruns.filter((r) => r.obs.minimum === 0)
    rows.push([
      'A re-run uploads 0 bytes and makes no revision',
      zero
        .map(
          (r) => `${r.name}: ${r.obs.uploaded} B, revision ${r.obs.revisionBefore} → ${r.obs.revisionAfter}`,
        )
        .join('; '),
      verdict(zero.every((r) => r.obs.uploaded === 0 && r.obs.revisionAfter === r.obs.revisionBefore)),
    ])
  }
  rows.push(
    ...renderCache(data.cache, data.cacheReps ?? 3).rows,
    ...renderPackages(data.packages, data.reps).rows,
    ...renderArchive(data.archive, data.updateReps).rows,
  )
  return table(['Target (issue 8, DESIGN.md "Targets")', 'Measured', ''], rows)
}

function noopSection(data: BenchData): string {
  if (data.noop.length === 0) return ''
  const rows = data.noop.map((point) => {
    const f = noopFigures(point)
    return [
      point.commits.toLocaleString('en'),
      `${bytes(point.history.packBytes)}, ${point.history.files} files, ${point.history.tags.length} tags`,
      secs(f.baseline),
      secs(f.noop),
      `**${percent(f.noop, f.baseline)}**`,
      secs(f.httpBaseline),
      secs(f.httpNoop),
      percent(f.httpNoop, f.httpBaseline),
      bytes(f.baselineBytes),
      `${bytes(f.noopBytes)} (refs ${bytes(f.noopSplit.refs)}, pack ${bytes(f.noopSplit.packs)})`,
      `**${percent(f.noopBytes, f.baselineBytes)}**`,
    ]
  })
  const big = data.noop.at(-1)!
  const describe = (r: RequestInfo) =>
    `${r.method} ${r.path}${r.method === 'GET' ? `?service=${r.service}` : ''}${r.command ? ` (${r.command})` : ''}`
  const requests = big.http.noopRequests.map((r) => [describe(r), `${r.received} B`])
  const raw = data.noop.map((point) => [
    point.commits.toLocaleString('en'),
    list(point.file.baseline),
    list(point.file.noop),
    list(point.file.noopDiscover),
    list(point.http.baseline),
    list(point.http.noop),
    point.history.cached ? 'cached' : `${point.history.seconds.toFixed(1)} s`,
  ])
  let text = `## 1. No-op scheduled run vs "clone the fork and fetch the upstream tags"

${table(
  [
    'commits',
    'history (pack)',
    'baseline, file://',
    'no-op, file://',
    'time share',
    'baseline, HTTP',
    'no-op, HTTP',
    'time share, HTTP',
    'baseline bytes',
    'no-op bytes',
    'byte share',
  ],
  rows,
)}

Bytes are what the git client received (HTTP response bodies), counted by the bench's HTTP server.
The no-op run has a fixed cost of about half a second (node start and loading the bundle, the ref
listings, one shallow fetch), so on a small history it costs as much as a clone; the target is about
long histories, where the clone grows and the no-op run does not.
What the no-op run fetched at ${big.commits.toLocaleString('en')} commits, request by request (protocol v2
\`ls-refs\` asking only for the refs it can use: upstream's tags matching \`upstream-tags\` unpeeled, then the
newest one peeled; the fork's branch and \`patch-carrier/\` refs; then one shallow, tree-less fetch of the
fork branch, 16 commits deep):

${table(['request', 'response bytes'], requests)}

Raw repetitions (seconds; the no-op column of file:// also gives its Discover stage):

${table(['commits', 'baseline file://', 'no-op file://', 'no-op Discover stage', 'baseline HTTP', 'no-op HTTP', 'history generation'], raw)}
`
  const deep = data.deepFork
  if (deep) {
    const f = noopFigures(big)
    text += `
### A fork with more downstream commits than the probe reads

The same no-op run over HTTP on the ${deep.commits.toLocaleString('en')}-commit history, the fork carrying
${deep.downstream} downstream commits: ${deep.result}, ${secs(deep.seconds)}, **${bytes(deep.traffic.received)}
received (${percent(deep.traffic.received, f.baselineBytes)} of the full clone)**. Requests:
${deep.requests
  .filter((r) => r.method === 'POST')
  .map((r) => `${r.path} ${r.command} ${bytes(r.received)}`)
  .join('; ')}.
`
  }
  const foreign = data.foreignTags
  if (foreign) {
    text += `
### Tags that do not match \`upstream-tags\`

The no-op run over HTTP once more after upstream and the fork each got ${foreign.count.toLocaleString('en')}
more tags (\`nightly/0\` … that \`v*\` does not match): **${bytes(foreign.traffic.received)} received** (without
them ${bytes(noopFigures(big).noopBytes)}), ${secs(foreign.seconds)}.
`
  }
  const up = data.longUpdate
  if (up && up.baseline.length > 0) {
    const fetch = up.requests.filter((r) => r.command === 'fetch')
    const clone = median(up.baseline)
    text += `
### The update path on the same ${up.commits.toLocaleString('en')}-commit history, cold

The fork is on \`${up.oldTag}\` with 3 downstream commits and has exactly that tag's history (the newer
objects repacked away); upstream's newest tag \`${up.newTag}\` is ${up.commitsBetween} commits later. The action
(\`packaging: none\`, no OBS, no cache) rebases the downstream commits onto it and pushes over HTTP; against
it, alternating with it, the full clone of the table above (the fork cloned, upstream's tags fetched into it).

| | cold update | full clone | share |
|---|---|---|---|
| bytes received | ${bytes(up.traffic.received)} | ${bytes(up.baselineTraffic.received)} | **${percent(up.traffic.received, up.baselineTraffic.received)}** |
| wall (median of ${up.runs.length}) | ${secs(up.seconds)} | ${secs(clone)} | **${percent(up.seconds, clone)}** |
| raw wall seconds | ${list(up.runs)} | ${list(up.baseline)} | |

Stages of the last run: ${Object.entries(up.stages)
      .map(([stage, s]) => `${stage} ${secs(s)}`)
      .join(', ')}. Its fetches: ${fetch
      .map((r) => `${r.path} ${bytes(r.received)}`)
      .join(', ')}. It logged: ${up.log.map((line) => `"${line}"`).join('; ')}.
`
  }
  return text
}

function updateSection(u: UpdateBench, reps: number): string {
  const actionTotal = median(u.action.map((r) => r.seconds))
  const manualTotal = median(u.manual.map((r) => r.seconds))
  const stage = (name: string) => median(u.action.map((r) => r.stages[name] ?? 0))
  const manualGroup = (steps: string[]) =>
    median(u.manual.map((r) => steps.reduce((n, s) => n + (r.steps[s] ?? 0), 0)))
  const orig = median(u.action.map((r) => r.tools.pristineTar))
  const dpkg = median(u.action.map((r) => r.tools.dpkgSource))
  const build = stage('Build')
  const stageRows = [
    ['Discover (ls-remote ×2, shallow probe)', secs(stage('Discover')), '–'],
    [
      'Fetch',
      secs(stage('Fetch')),
      `${secs(manualGroup(manualStages['Fetch (clone)']!))} (git clone + fetch upstream tags)`,
    ],
    [
      'Rebase (sparse checkout + quilt fuzz-0 check on the files the patches name)',
      secs(stage('Rebase')),
      `${secs(manualGroup(manualStages.Rebase!))} (git rebase + changelog commit)`,
    ],
    [
      'Orig tarball (pristine-tar): starts after Fetch, alongside Rebase and the tree export',
      secs(orig),
      secs(manualGroup(manualStages['Build: orig tarball']!)),
    ],
    [
      'Build (tree export, changelog, patch export; waits for the orig tarball; dpkg-source -b)',
      secs(build),
      '–',
    ],
    [
      '… of which dpkg-source -b (comparing debian/ and the patched files; tar checks the rest alongside)',
      secs(dpkg),
      secs(manualGroup(manualStages['Build: dpkg-source -b']!)),
    ],
    [
      'Publish (OBS upload)',
      secs(stage('Publish')),
      `${secs(manualGroup(manualStages['Publish (osc)']!))} (osc checkout, rm, add, commit)`,
    ],
    ['Push', secs(stage('Push')), secs(manualGroup(manualStages.Push!))],
    ['**Total (wall, process start to exit)**', `**${secs(actionTotal)}**`, `**${secs(manualTotal)}**`],
    [
      '**Ratio action / manual** (median of the per-pair ratios; each pair ran back to back)',
      `**${pairedRatio(u).toFixed(2)}×**`,
      `target ≤ 0.50×; pairs: ${u.action.map((r, i) => (r.seconds / u.manual[i]!.seconds).toFixed(2)).join(', ')}`,
    ],
    ['Ratio of the medians', ratio(actionTotal, manualTotal), ''],
    [
      'Ratio of the best runs (least disturbed by other load)',
      ratio(Math.min(...u.action.map((r) => r.seconds)), Math.min(...u.manual.map((r) => r.seconds))),
      `${secs(Math.min(...u.action.map((r) => r.seconds)))} vs ${secs(Math.min(...u.manual.map((r) => r.seconds)))}`,
    ],
  ]
  let text = `## 2. A full update vs the manual procedure

Package: ${u.shape.files.toLocaleString('en')} upstream files, ${(u.shape.rawBytes / 1e6).toFixed(1)} MB unpacked,
\`${u.shape.origName}\` ${(u.shape.origBytes / 1e6).toFixed(1)} MB (pristine-tar on the upstream's
\`pristine-tar\` branch, DEP-14 tags), a fork carrying one quilt patch; the update is the new upstream
tag \`debian/1%2.3.22-1\` (5 % of the files changed). Both publish to the same local OBS source server,
each into a package holding the previous release. Medians of ${reps} alternated repetitions.

${table(['stage', 'action', 'manual procedure'], stageRows)}

Raw totals: action ${list(u.action.map((r) => r.seconds))} s; manual ${list(u.manual.map((r) => r.seconds))} s.
${buildWays(u)}
Manual steps (median): ${Object.keys(u.manual[0]?.steps ?? {})
    .map((name) => `${name} ${secs(median(u.manual.map((r) => r.steps[name] ?? 0)))}`)
    .join(', ')}.
`
  const b = u.breakdown
  if (b) {
    const stages = ['Discover', 'Fetch', 'Rebase', 'Build', 'Publish', 'Push']
    const rows: string[][] = []
    for (const name of stages) {
      const calls = b.calls.filter((c) => c.stage === name).sort((x, y) => y.seconds - x.seconds)
      const top = calls.filter((c) => c.seconds >= 0.05)
      const rest = calls.filter((c) => c.seconds < 0.05)
      rows.push([
        name,
        secs(b.stages[name] ?? 0),
        [
          ...top.map((c) => `${c.what}${c.count > 1 ? ` ×${c.count}` : ''} ${secs(c.seconds)}`),
          rest.length > 0
            ? `${rest.reduce((n, c) => n + c.count, 0)} other calls ${secs(rest.reduce((n, c) => n + c.seconds, 0))}`
            : '',
        ]
          .filter(Boolean)
          .join('; ') ||
          (name === 'Publish' ? 'no programs: HTTP requests from the action itself' : 'no program calls'),
      ])
    }
    text += `
### Where the action's time goes

One extra, instrumented run (every git, cp, patch, tar, xz, gzip, pristine-tar and dpkg-source call
timed by a wrapper on PATH; the wrappers add a few ms per call, so this run is not among the figures
above): ${secs(b.seconds)} wall. A call counts in the stage whose log group was open when it started: the orig
tarball's \`pristine-tar checkout\` starts during Rebase and runs on into Build, where the build waits for it.

${table(['stage', 'stage time', 'program calls (≥ 0.05 s each, then the rest)'], rows)}
`
  }
  return text
}

/** Where the action runs built (memory or disk) and what dpkg-source compared, counted over the runs. */
function buildWays(u: UpdateBench): string {
  const n = u.action.length
  const inMemory = u.action.filter((r) => r.scratch === 'memory').length
  const patchedOnly = u.action.filter((r) => r.wholeTree === undefined).length
  const reasons = [...new Set(u.action.flatMap((r) => (r.wholeTree ? [r.wholeTree] : [])))]
  return (
    `The action built in memory (\`/dev/shm\`, input \`scratch-in-memory\`) in ${inMemory} of ${n} runs; the manual ` +
    `procedure works in a directory on disk, as people do. dpkg-source compared only debian/ and the patched ` +
    `files with the orig tarball in ${patchedOnly} of ${n} runs, while GNU tar found every other file equal to ` +
    `the tarball's` +
    (reasons.length > 0 ? `; the whole tree otherwise (${reasons.join('; ')}).` : '.')
  )
}

function obsSection(u: UpdateBench): string {
  const row = (
    name: string,
    what: string,
    o: UpdateBench['action'][number]['obs'],
    seconds: number,
    result?: string,
  ) => [
    name,
    what,
    result ?? 'published',
    bytes(o.uploaded),
    bytes(o.minimum),
    o.minimum === 0 ? (o.uploaded === 0 ? '0 = 0' : '≠ 0') : (o.uploaded / o.minimum).toFixed(2),
    o.uploads.map((x) => `${x.name} (${x.bytes} B)`).join(', ') || '–',
    `${o.revisionBefore} → ${o.revisionAfter}`,
    secs(seconds),
    `${o.requests} (${bytes(o.sent)})`,
  ]
  const rows = [
    ...u.action.map((r, i) =>
      row(
        `update, rep ${i + 1}`,
        'new upstream tag `debian/1%2.3.22-1` (new upstream version)',
        r.obs,
        r.seconds,
      ),
    ),
    ...u.reruns.map((r) => row(r.name, r.what, r.obs, r.seconds, r.result)),
  ]
  const manual = u.manual[0]?.obs
  return `## 3. OBS bytes uploaded vs the minimum

Counted on the wire by a proxy in front of the OBS server (request bodies of file PUTs); the minimum
is the size of the built files that OBS did not already list with the same name and md5.

${table(
  [
    'run',
    'what',
    'result',
    'uploaded',
    'minimum',
    'ratio',
    'files sent',
    'OBS revision',
    'wall',
    'requests (all bytes sent)',
  ],
  rows,
)}
${manual ? `\nFor comparison, the manual procedure's \`osc commit\` uploaded ${bytes(manual.uploaded)} (minimum ${bytes(manual.minimum)}) in ${manual.requests} requests, and its \`osc checkout\` first downloaded the previous release.\n` : ''}`
}

function method(data: BenchData): string {
  const sizes = data.noop.map((p) => p.commits.toLocaleString('en')).join(', ')
  return `## Method

- **The action** is bundled from \`src/index.ts\` by scripts/bench.mjs with the options of \`npm run package\`
  (into node_modules/.cache; \`dist/\` is not touched) and run as a runner runs it: \`INPUT_*\` variables,
  \`GITHUB_OUTPUT\`, \`GITHUB_STEP_SUMMARY\`, a fresh \`RUNNER_TEMP\` per run (no cache restored). Wall time is
  process start to exit; stage times come from its \`<Stage>: N.NN s\` log lines.
- **Histories (item 1)** of ${sizes || 'several'} commits are written by one \`git fast-import\` stream each
  (scripts/bench/history.ts): a linear branch starting with 200 C-like files, a new file in 3 % of the commits
  (≈3,200 files at 100k), each commit editing 1–4 files whose sizes follow a log-normal law (median 130 lines,
  mean ≈ 8 KB), an annotated release tag every 500 commits; then \`git repack -a -d -F\` so the served pack has
  real deltas and a bitmap, as on a hosting service. They are deterministic and cached in
  \`${data.cacheDir.replace(homedir(), '~')}\` (\`BENCH_CACHE_DIR\`; \`BENCH_FRESH=1\` makes them again): a first
  run spends ≈ 4 min generating the 100k history and ≈ 2 min on the package repository below (its two
  \`pristine-tar commit\`s of an 8 MB tarball, ≈ 50 s each here), later runs reuse them. Each run serves hard-linked
  clones: \`upstream.git\` and \`fork.git\` (upstream + 3 downstream commits, so it holds upstream's tags as a
  GitHub fork does), both with \`uploadpack.allowFilter\` and \`uploadpack.allowAnySHA1InWant\` on.
- **Transports**: file:// (the timed figures), and smart HTTP on 127.0.0.1 (\`git http-backend\` streamed
  through a small node server that counts every response byte: the byte figures, plus times).
- **Baseline (item 1)**: \`git clone <fork>\` (full, with checkout) then \`git fetch --tags <upstream>\` in it;
  the no-op run is the action in \`sync\` mode with \`upstream-tags: v*\` (result \`up-to-date\`). One warm-up
  run, then ${data.reps} repetitions of [baseline, no-op, no-op] interleaved.
- **Full update (item 2)**: the real OBS backend source server (\`bs_srcserver\`, test/support/obs-server.ts) and
  the real \`osc\`, both sides talking to it through a byte-counting proxy. Before each repetition the fork's
  refs are put back to their pre-update state and a fresh OBS package is given the previous release; the action
  and the manual procedure alternate. The manual procedure is scripted with no think time: \`git clone\`,
  \`git fetch\` of upstream's tags and pristine-tar branch, \`git rebase --onto\`, a changelog entry + commit,
  \`pristine-tar checkout\`, \`dpkg-source -b\`, \`osc checkout\`, \`osc rm\` of the old files, copy,
  \`osc add\`, \`osc commit\`, \`git push --force\`. The split of the action's Build stage into orig tarball
  and dpkg-source comes from timing wrappers for \`pristine-tar\` and \`dpkg-source\` put first on PATH.
- **OBS bytes (item 3)** are request bodies of file PUTs seen by the proxy; the minimum is computed from the
  package's file list (name + md5) before the run and the md5 of the built files.
`
}

const callSeconds = (b: Breakdown | undefined, stage: string, what: string): number =>
  (b?.calls ?? []).filter((c) => c.stage === stage && c.what === what).reduce((n, c) => n + c.seconds, 0)

function findings(data: BenchData): string {
  const out: string[] = []
  const big = data.noop.at(-1)
  const f = big ? noopFigures(big) : undefined
  const up = data.longUpdate
  if (up && f && up.traffic.received > 0.1 * f.baselineBytes) {
    out.push(`1. **An update fetches the whole upstream history** (\`src/git/workspace.ts\`, \`prepareWorkspace\`).
   The Fetch stage runs \`git fetch --no-tags <upstream> +refs/tags/<target>:… +refs/tags/<previous>:…\`
   (and the pristine-tar branch, \`upstream/<v>\`) with no depth and no filter, so it downloads every commit,
   tree and blob reachable from the tags. On the ${up.commits.toLocaleString('en')}-commit history one new
   tag made the action receive ${bytes(up.traffic.received)} (${percent(up.traffic.received, f.baselineBytes)}
   of a full clone) and spend ${secs(up.stages.Fetch ?? 0)} of its ${secs(up.seconds)} in Fetch. The no-op
   path is cheap; the path that runs on every upstream release is O(history). Suggested fix: the rebase
   replays \`previous..head\` onto \`target\`, so it needs the tips, not the history: fetch the upstream
   refs with \`--depth=1\`, and the fork branch with \`--depth=<downstream commits + 1>\` (Discover already
   knows the count: the previous tag's position in the probe's commit list) or \`--shallow-exclude\` of the
   previous tag. Cherry-pick, \`git archive\`, pristine-tar and a push whose ancestors the fork already has
   work in such a shallow repository (the tests would have to confirm it, the conflict path included).`)
  }
  const deep = data.deepFork
  if (deep && f && deep.traffic.received > 0.01 * f.baselineBytes) {
    out.push(`1. **The no-op probe falls off a cliff past 64 downstream commits** (\`src/git/history.ts\`,
   \`readBranchHistory\`). It fetches the branch with \`--depth=64 --filter=tree:0\`; when no release tag is
   among those commits it runs \`--unshallow\`, i.e. every commit of the history. A fork carrying
   ${deep.downstream} commits made the no-op run receive ${bytes(deep.traffic.received)}
   (${percent(deep.traffic.received, f.baselineBytes)} of the full clone, against the 1 % target) in
   ${secs(deep.seconds)}. Suggested fix: deepen step by step (\`--deepen=64\`, 128, 256, … until a tag
   commit appears), which keeps the cost proportional to the distance to the tag, not to the history.`)
  }
  if (f && f.noopSplit.refs > f.noopSplit.packs && f.noopBytes > 20 * 1024) {
    out.push(`1. **Both ref listings carry every tag** (\`src/git/remote.ts\`, \`listRemote\`: \`git ls-remote --symref <url>\`
   with no patterns). At ${big!.history.tags.length} tags they were ${bytes(f.noopSplit.refs)} of the no-op's
   ${bytes(f.noopBytes)}, and the fork's listing repeats upstream's tags (a GitHub fork copies them).
   Within the target (O(refs)), but Debian packaging repositories carry thousands of tags. Suggested fix:
   pass patterns, which protocol v2 sends as \`ref-prefix\` so the server filters: for upstream
   \`refs/tags/<literal prefix of each upstream-tags glob>\` (+ \`refs/tags/upstream/\`,
   \`refs/heads/pristine-tar\`); for the fork \`HEAD\`, \`refs/heads/\`, \`refs/tags/patch-carrier/\`
   (all refs only when there is no upstream-url).`)
  }
  const u = data.update
  const b = u?.breakdown
  if (u && b) out.push(updateFinding(u, b))
  if (out.length === 0) return ''
  const heading = '## Findings (each with the file and a suggested fix)'
  return `${heading}\n\n${out.join('\n')}\n`
}

/** Where a full update's time goes now, against the manual procedure's own floor. */
function updateFinding(u: UpdateBench, b: Breakdown): string {
  const action = median(u.action.map((r) => r.seconds))
  const manual = median(u.manual.map((r) => r.seconds))
  const manualStep = (name: string) => median(u.manual.map((r) => r.steps[name] ?? 0))
  const stage = (name: string) => median(u.action.map((r) => r.stages[name] ?? 0))
  const orig = median(u.action.map((r) => r.tools.pristineTar))
  const dpkg = median(u.action.map((r) => r.tools.dpkgSource))
  const floor = manualStep('pristine-tar checkout') + manualStep('dpkg-source -b')
  const chain = stage('Discover') + stage('Fetch') + orig + dpkg + stage('Publish') + stage('Push')
  const treeExport = callSeconds(b, 'Build', 'git checkout-index')
  const best = Math.min(...u.action.map((r) => r.seconds)) / Math.min(...u.manual.map((r) => r.seconds))
  return `1. **A full update is the orig tarball, then \`dpkg-source -b\`, then the OBS upload, all in memory**
   (${pairedRatio(u).toFixed(2)}× the manual procedure, median of the pairs; target 0.5×). The rebase runs in a sparse
   checkout (\`src/git/rebase.ts\`), the quilt check reads only the files the patches name
   (\`src/packaging/debian/quilt-inputs.ts\`), the orig tarball starts right after Fetch
   (\`src/packaging/debian/orig-early.ts\`), pristine-tar, the build tree and dpkg-source's unpacked copy live in
   \`/dev/shm\` (\`src/pipeline/scratch.ts\`), and dpkg-source compares only debian/ and the patched files while
   GNU tar checks the other files against the orig tarball (\`src/packaging/debian/build-compare-less.ts\`; any
   difference makes dpkg-source compare the whole tree). What is left is a chain: Discover + Fetch
   (${secs(stage('Discover') + stage('Fetch'))}), pristine-tar (${secs(orig)}; ${secs(manualStep('pristine-tar checkout'))} in the manual
   procedure, on disk), \`dpkg-source -b\` (${secs(dpkg)}; manual ${secs(manualStep('dpkg-source -b'))}), Publish (${secs(stage('Publish'))})
   and Push (${secs(stage('Push'))}): ${secs(chain)} of the ${secs(action)} median; the rest is starting node (≈ 0.2 s on this
   machine) and loading the bundle. The manual procedure's pristine-tar and \`dpkg-source -b\` take ${secs(floor)},
   ${percent(floor, manual)} of its ${secs(manual)}, and they are what varies most: they write the tree to disk. The fastest
   action run against the fastest manual run is ${best.toFixed(2)}×. Left alone on purpose: uploading the orig tarball
   to OBS (\`rev=repository\`) while \`dpkg-source\` runs would hide most of Publish (≈ ${secs(stage('Publish'))}), but it
   would upload before the lease is re-checked and before the source package is known to build.
   The tree export (${secs(treeExport)} of \`git checkout-index\` in the instrumented run) runs beside pristine-tar.`
}

function notMeasured(): string {
  return `## Not measured

- Items 1–3 pass \`cache: false\`: their figures are cold runs on a fresh runner. Item 4 gives the cache a
  \`cache-dir\`, as outside GitHub: the time GitHub's cache service takes to restore and save the directory
  (a download and upload of its tarball) is not measured.
- Real networks: everything is served on this machine (file:// and 127.0.0.1). Over the internet a
  100 MB clone takes far longer, so the time ratios here are conservative; the byte ratios hold as they are.
- GitHub's own git servers, ssh transport, authentication (the fork is served without a token), the OBS API
  frontend (the bench talks to the backend source server, as the tests do) and OBS builds.
- The manual procedure's human time (reading, typing, waiting): it is scripted, so it is its floor.
- RPM packaging, the conflict/pull-request path, and updates with more than one downstream patch.
`
}

export function renderResults(data: BenchData): string {
  const m = data.machine
  const parts = [
    `# patch-carrier benchmarks

Written by \`npm run bench\` (scripts/bench.mjs, scripts/bench/*.ts) on ${data.date.toISOString().slice(0, 16).replace('T', ' ')} UTC;
the whole bench took ${(data.seconds / 60).toFixed(1)} min. Every figure is a ratio against a baseline measured in the
same run, interleaved with it; times are medians of ${data.reps} repetitions (${data.updateReps} for the full update; raw values in
\`bench/out/results.json\`, not committed).

Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} RAM, ${m.os}; ${m.git}, node ${m.node}, ${m.dpkg}, ${m.osc}.
Load average ${m.loadStart} at the start and ${m.loadEnd} at the end: the cores were shared with other work,
so absolute times are noisy; the ratios are what to compare.

## Summary

${summary(data)}
`,
    noopSection(data),
    data.update ? updateSection(data.update, data.updateReps) : '',
    data.update ? obsSection(data.update) : '',
    renderCache(data.cache, data.cacheReps ?? 3).section,
    renderPackages(data.packages, data.reps).section,
    renderArchive(data.archive, data.updateReps).section,
    findings(data),
    method(data),
    notMeasured(),
  ]
  return `${parts.filter(Boolean).join('\n')}\n`
}
