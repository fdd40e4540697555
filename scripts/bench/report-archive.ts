// Item 6: an archive upstream, the no-op run and the full update against "apt-get source, then
// dpkg-source -b and osc"; a section of bench/RESULTS.md and, alone, bench/ARCHIVE.md.
import type { ArchiveActionRun, ArchiveBench, BaselineRun, Request } from './archive.js'
import { table, verdict, type Rendered } from './markdown.js'
import { bytes, list, median, percent, ratio, secs } from './measure.js'
import type { BenchData } from './report.js'

const archiveBytes = (requests: readonly Request[]) => requests.reduce((n, r) => n + r.bytes, 0)
/** What a run of the action received: from the archive and from the fork (git HTTP responses). */
const received = (r: ArchiveActionRun) => archiveBytes(r.archive) + r.git.received
const med = <T>(runs: readonly T[], value: (r: T) => number) => median(runs.map(value))

/** Update / baseline, as the median of the ratios of the runs made back to back. */
const pairedRatio = (b: ArchiveBench) =>
  median(b.update.map((r, i) => r.seconds / (b.baseline[i]?.seconds ?? Number.NaN)))

const stageNames = ['Discover', 'Fetch', 'Archive', 'Rebase', 'Build', 'Publish', 'Push']

/** The requests of a run: index paths under dists/, pool files by name. */
const requestList = (requests: readonly Request[]) =>
  requests
    .map((r) => `\`${r.path.replace(/^\/dists\//, '').replace(/^\/pool\/.*\//, '')}\` ${bytes(r.bytes)}`)
    .join(', ')

function figures(b: ArchiveBench) {
  const noopBytes = med(b.noop, received)
  const baselineBytes = med(b.baseline, (r) => archiveBytes(r.archive))
  return {
    noopBytes,
    noopArchive: med(b.noop, (r) => archiveBytes(r.archive)),
    noopGit: med(b.noop, (r) => r.git.received),
    baselineBytes,
    noop: med(b.noop, (r) => r.seconds),
    update: med(b.update, (r) => r.seconds),
    baseline: med(b.baseline, (r) => r.seconds),
    paired: pairedRatio(b),
  }
}

function summaryRows(b: ArchiveBench): string[][] {
  const f = figures(b)
  return [
    [
      'Archive upstream, no-op run: ≤ 10 % of the bytes of `apt-get source`',
      `${percent(f.noopBytes, f.baselineBytes)} (${bytes(f.noopBytes)}: archive ${bytes(f.noopArchive)} + fork ` +
        `${bytes(f.noopGit)}, vs ${bytes(f.baselineBytes)} from the archive); time ${secs(f.noop)} = ` +
        `${percent(f.noop, f.baseline)} of the baseline's`,
      verdict(f.noopBytes / f.baselineBytes <= 0.1),
    ],
    [
      'Archive upstream, full update to OBS ≤ 0.5× `apt-get source` + `dpkg-source -b` + `osc`',
      `${f.paired.toFixed(2)}× (median of the ${b.update.length} back-to-back pairs; medians ${secs(f.update)} vs ` +
        `${secs(f.baseline)} = ${ratio(f.update, f.baseline)})`,
      verdict(f.paired <= 0.5),
    ],
  ]
}

function timeTable(b: ArchiveBench): string {
  const stage = (name: string) => med(b.update, (r) => r.stages[name] ?? 0)
  const step = (...names: string[]) =>
    med(b.baseline, (r) => names.reduce((n, name) => n + (r.steps[name] ?? 0), 0))
  const fetchSteps =
    b.baselineWay === 'apt-get' ? ['apt-get update', 'apt-get source'] : ['emulated apt-get source']
  // per run, then the median: the stage medians need not add up to the median total
  const outside = med(b.update, (r) => r.seconds - Object.values(r.stages).reduce((n, v) => n + v, 0))
  const rows = [
    [
      'Discover (fork refs, InRelease ×2 verified with gpgv, Sources.xz ×2 as the digests changed)',
      secs(stage('Discover')),
      '–',
    ],
    ['Fetch (the fork branch and the previous import, full history)', secs(stage('Fetch')), '–'],
    [
      'Archive (the .dsc set downloaded and verified, `dpkg-source -x --skip-patches`, imported as a commit)',
      secs(stage('Archive')),
      `${secs(step(...fetchSteps))} (${fetchSteps.join(' + ')}: indices, .dsc set, \`dpkg-source -x\`)`,
    ],
    [
      'Rebase (the downstream commit onto the import)',
      secs(stage('Rebase')),
      `${secs(step('add patch + changelog'))} (patch into debian/patches, series, changelog entry)`,
    ],
    [
      'Build (`dpkg-source -b` on the archive orig tarball)',
      secs(stage('Build')),
      secs(step('dpkg-source -b')),
    ],
    [
      'Publish (OBS upload)',
      secs(stage('Publish')),
      `${secs(step('osc checkout', 'copy files', 'osc addremove', 'osc commit'))} (osc checkout, copy, addremove, commit)`,
    ],
    ['Push (branch, import, seen refs, build tag)', secs(stage('Push')), '–'],
    ['Outside the stages (node start, loading the bundle, settings, summary)', secs(outside), '–'],
    [
      '**Total (wall, process start to exit)**',
      `**${secs(figures(b).update)}**`,
      `**${secs(figures(b).baseline)}**`,
    ],
    [
      '**Ratio update / baseline** (median of the per-pair ratios; each pair ran back to back)',
      `**${pairedRatio(b).toFixed(2)}×**`,
      `target ≤ 0.50×; pairs: ${b.update.map((r, i) => (r.seconds / b.baseline[i]!.seconds).toFixed(2)).join(', ')}`,
    ],
    [
      'Ratio of the best runs (least disturbed by other load)',
      ratio(Math.min(...b.update.map((r) => r.seconds)), Math.min(...b.baseline.map((r) => r.seconds))),
      `${secs(Math.min(...b.update.map((r) => r.seconds)))} vs ${secs(Math.min(...b.baseline.map((r) => r.seconds)))}`,
    ],
  ]
  return table(['stage (median)', 'action, full update', 'baseline'], rows)
}

function bytesTable(b: ArchiveBench): string {
  const row = (what: string, runs: readonly (ArchiveActionRun | BaselineRun)[], git: boolean) => {
    const action = (r: ArchiveActionRun | BaselineRun): r is ArchiveActionRun => 'git' in r
    return [
      what,
      bytes(med(runs, (r) => archiveBytes(r.archive))),
      git ? bytes(med(runs, (r) => (action(r) ? r.git.received : 0))) : '–',
      git ? bytes(med(runs, (r) => (action(r) ? r.git.sent : 0))) : '–',
      bytes(med(runs, (r) => r.obs.uploaded)),
      bytes(med(runs, (r) => r.obs.received)),
      secs(med(runs, (r) => r.seconds)),
    ]
  }
  return table(
    [
      'run (median)',
      'from the archive',
      'from the fork (git)',
      'to the fork (git push)',
      'to OBS (file uploads)',
      'from OBS',
      'wall',
    ],
    [
      row('no-op run (fork on the newest import, suites unchanged)', b.noop, true),
      row('full update (new upload in bookworm-security), published', b.update, true),
      row(
        `baseline (${b.baselineWay === 'apt-get' ? '`apt-get update` + `apt-get source`' : 'emulated apt-get source'}, dpkg-source -b, osc)`,
        b.baseline,
        false,
      ),
    ],
  )
}

/** What the update's time and bytes are made of, from the figures of this run. */
function findings(b: ArchiveBench): string {
  const x = figures(b)
  const out: string[] = []
  const archiveStage = med(b.update, (r) => r.stages.Archive ?? 0)
  const unpackCall = (b.breakdown?.calls ?? [])
    .filter((c) => c.stage === 'Archive' && c.what === 'dpkg-source')
    .reduce((n, c) => n + c.seconds, 0)
  const u = b.unpack
  if (u) {
    const disk = median(u.disk)
    const memory = median(u.memory)
    // the unpack's share of the stage (as timed in the instrumented run, at most the stage's median and the
    // unpack's median on disk), less what the unpack takes in memory
    const saved = Math.max(0, Math.min(unpackCall, disk, archiveStage) - memory)
    out.push(`1. **The import unpacks on disk, the build in memory.** The Archive stage takes ${secs(archiveStage)} of the
   update's ${secs(x.update)} (${percent(archiveStage, x.update)}); in the instrumented run \`dpkg-source -x --skip-patches\`
   was ${secs(unpackCall)} of it. The same unpack of this .dsc takes ${secs(disk)} into \`$TMPDIR\` (where
   \`RUNNER_TEMP\` and so \`work-dir\` are) and ${secs(memory)} into \`/dev/shm\` (medians of ${u.disk.length}:
   ${list(u.disk)} vs ${list(u.memory)}). \`takeFromArchive\` (src/archive/take.ts) downloads into
   \`<work-dir>/archive\` and \`importSource\` (src/archive/import.ts) unpacks into \`<work-dir>/archive-import\`,
   before \`openScratch\` (src/pipeline/run-pipeline.ts) puts the build in memory: the scratch is sized by the
   import's tree, so it is opened after it. Unpacking in memory would save about ${secs(saved)} (the unpack's time, at most the
   stage's, less its time in memory): an update of about
   ${secs(x.update - saved)}, ${ratio(x.update - saved, x.baseline)} the baseline's median. Suggested fix: give the import a
   memory directory of its own when \`scratch-in-memory\` allows it, sized before unpacking from the tarballs'
   uncompressed sizes (\`xz --robot --list\`, gzip's trailer), with the same fall-back to disk.`)
  }
  const update = b.update[0]!
  const orig = update.archive.find((r) => r.path.endsWith(b.shape.origName))
  if (orig) {
    out.push(`1. **A security upload re-imports an unchanged upstream tree.** The update keeps the upstream version
   (\`${b.shape.origName}\`, the same sha256 the previous import's commit message lists), yet the Archive stage
   downloads it again (${bytes(orig.bytes)}) and unpacks and hashes its ${b.shape.files.toLocaleString('en')} files. The import's
   tree is the previous import's upstream files with debian/ from the new debian tarball: when the orig
   tarballs' sha256 match the previous import's, unpacking only the debian tarball onto the previous import's tree
   gives the same commit. The orig tarball is still needed for \`dpkg-source -b\`; OBS already has it (the
   publish sends only the .dsc and the debian tarball).`)
  }
  const fork = med(b.update, (r) => r.git.received)
  if (fork > med(b.update, (r) => archiveBytes(r.archive))) {
    const archive = med(b.update, (r) => archiveBytes(r.archive))
    const all = archive + fork + med(b.update, (r) => r.obs.received)
    const baselineAll = x.baselineBytes + med(b.baseline, (r) => r.obs.received)
    out.push(`1. **The update receives more from the fork than from the archive**: ${bytes(fork)} of git against
   ${bytes(archive)} from the archive. The fork holds the imports, and the Fetch stage fetches the branch with its
   history (no depth, no filter; src/git/workspace.ts), so it receives the previous import's whole upstream tree,
   which the rebase and the build's tree export read. In all the update receives ${bytes(all)}, the baseline
   ${bytes(baselineAll)} (the archive, then \`osc checkout\` of the previous release). Not a target.`)
  }
  return out.length === 0 ? '' : `\n### What the update is made of\n\n${out.join('\n')}\n`
}

function breakdownTable(b: ArchiveBench): string {
  const d = b.breakdown
  if (!d) return ''
  const rows = stageNames.map((name) => {
    const calls = d.calls.filter((c) => c.stage === name).sort((x, y) => y.seconds - x.seconds)
    const top = calls.filter((c) => c.seconds >= 0.05)
    const rest = calls.filter((c) => c.seconds < 0.05)
    return [
      name,
      secs(d.stages[name] ?? 0),
      [
        ...top.map((c) => `${c.what}${c.count > 1 ? ` ×${c.count}` : ''} ${secs(c.seconds)}`),
        rest.length > 0
          ? `${rest.reduce((n, c) => n + c.count, 0)} other calls ${secs(rest.reduce((n, c) => n + c.seconds, 0))}`
          : '',
      ]
        .filter(Boolean)
        .join('; ') || 'no program calls (HTTP requests and hashing in the action itself)',
    ]
  })
  return `### Where the update's time goes

One extra, instrumented update (every git, dpkg-source, tar, xz, patch, gpgv and cp call timed by a wrapper
on PATH; not among the figures above): ${secs(d.seconds)} wall. A call counts in the stage whose log group
was open when it started.

${table(['stage', 'stage time', 'program calls (≥ 0.05 s each, then the rest)'], rows)}
`
}

export function renderArchive(b: ArchiveBench | undefined, reps: number): Rendered {
  if (!b || b.update.length === 0) return { section: '', rows: [] }
  const x = figures(b)
  const s = b.shape
  const noop = b.noop[0]!
  const baseline = b.baseline[0]!
  const update = b.update[0]!
  const way =
    b.baselineWay === 'apt-get'
      ? 'the real `apt-get update` and `apt-get source` with a private configuration (`-o Dir::Etc::sourcelist=…`, ' +
        '`Dir::State::Lists`, `Dir::Cache`, `Dir::Etc::sourceparts=-`, the archive key as `signed-by`), a fresh ' +
        'directory each time, as on a fresh runner'
      : `an emulation of \`apt-get source\` over HTTP (Sources.xz of each suite, the newest .dsc and its files, ` +
        `\`dpkg-source -x\`): apt-get could not be used (${b.aptError ?? 'unknown'})`
  const section = `## 6. Archive upstream: no-op run and full update vs \`apt-get source\`, \`dpkg-source -b\`, \`osc\`

Package: a local signed reprepro archive (test/support/debian-archive.ts) with the suites bookworm
(\`${s.source} ${s.versions.base}\`) and bookworm-security; the source package has ${s.files.toLocaleString('en')} upstream
files, ${(s.rawBytes / 1e6).toFixed(1)} MB unpacked, \`${s.origName}\` ${(s.origBytes / 1e6).toFixed(1)} MB (the .dsc set of an
upload ${bytes(s.dscSetBytes)}). The fork was made by hand from bookworm's version (\`dpkg-source -x --skip-patches\`,
tagged \`base\` = \`downstream-base\`) and carries one quilt patch; a first run (${secs(b.firstImport.seconds)}, not
among the figures) imported and published security upload \`${s.versions.first}\`. Then \`${s.versions.update}\` (one more CVE patch,
same orig tarball) replaced it in bookworm-security, and each of ${reps} repetitions ran back to back, from the
same start (fork refs put back, a fresh OBS package holding the build of \`${s.versions.first}\`), each timed
run after a \`sync\`: the **full update** (import, rebase, build, publish to OBS, push), the **no-op run** that
follows it (the fork on the newest import, the suites unchanged), and the **baseline** (after the no-op on the 1st,
3rd, … repetition, before the update on the 2nd, 4th, …): ${way}, the fork's patch added to
debian/patches and series with a changelog entry (the patch at hand, fetched from nowhere), \`dpkg-source -b\`,
\`osc checkout\`, copy, \`osc addremove\`, \`osc commit\` (no git at all: the baseline's floor). The fork is served
by the bench's counting git HTTP server, the archive by the fixture's server (its request log gives the bytes), OBS
by the real \`bs_srcserver\` behind the counting proxy. Cold runs (\`cache: false\`).

${bytesTable(b)}

Requests of the first repetition: the no-op run ${requestList(noop.archive)} from the archive, and ${noop.git.requests}
requests to the fork (${bytes(noop.git.received)}); the update ${requestList(update.archive)}; the baseline ${requestList(baseline.archive)}.
This archive holds one package: Debian's own InRelease files and Sources indices are much larger (they list every
architecture's indices and every source package), which grows both the no-op's InRelease bytes and the baseline's
\`apt-get update\`.

${timeTable(b)}

No-op stages (median): ${Object.keys(noop.stages)
    .map((name) => `${name} ${secs(med(b.noop, (r) => r.stages[name] ?? 0))}`)
    .join(', ')}; wall ${secs(x.noop)}.
Baseline steps (median): ${Object.keys(baseline.steps)
    .map((name) => `${name} ${secs(med(b.baseline, (r) => r.steps[name] ?? 0))}`)
    .join(', ')}.
The action built in memory in ${b.update.filter((r) => r.scratch === 'memory').length} of ${b.update.length} update runs;
dpkg-source compared ${
    b.update.every((r) => r.wholeTree === undefined)
      ? 'only debian/ and the patched files with the orig tarball in every run'
      : `the whole tree in ${b.update.filter((r) => r.wholeTree !== undefined).length} runs (${[
          ...new Set(b.update.flatMap((r) => (r.wholeTree ? [r.wholeTree] : []))),
        ].join('; ')})`
  }. The update uploaded ${update.obs.uploads.map((u) => `${u.name} (${bytes(u.bytes)})`).join(', ') || 'nothing'} to OBS
(revision ${update.obs.revisionBefore} → ${update.obs.revisionAfter}); the baseline's \`osc commit\` ${
    baseline.obs.uploads.map((u) => `${u.name} (${bytes(u.bytes)})`).join(', ') || 'nothing'
  }, after its \`osc checkout\` downloaded ${bytes(baseline.obs.received)}.

Raw repetitions (seconds): update ${list(b.update.map((r) => r.seconds))}; no-op ${list(b.noop.map((r) => r.seconds))};
baseline ${list(b.baseline.map((r) => r.seconds))}. Setup (the three source packages ${b.sourcesCached ? 'from the cache' : 'built'}, archive, fork,
OBS, first import): ${secs(b.setupSeconds)}.

${breakdownTable(b)}${findings(b)}`
  return { section, rows: summaryRows(b) }
}

/** bench/ARCHIVE.md: item 6 alone, with its machine and summary rows (bench/RESULTS.md is left as it is). */
export function renderArchiveFile(
  data: Pick<BenchData, 'date' | 'machine' | 'seconds' | 'updateReps'> & {
    archive?: ArchiveBench
  },
): string {
  const m = data.machine
  const rendered = renderArchive(data.archive, data.updateReps)
  return `# patch-carrier benchmark: archive upstream (item 6)

Written by \`BENCH_ONLY=archive npm run bench\` (scripts/bench/archive.ts, report-archive.ts) on
${data.date.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${(data.seconds / 60).toFixed(1)} min (a whole \`npm run bench\`
writes it too, and the same section into bench/RESULTS.md). Every figure is a ratio against a baseline measured
in the same run; times are medians of ${data.updateReps} repetitions (raw values in \`bench/out/\`, not committed).

Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} RAM, ${m.os}; ${m.git}, node ${m.node}, ${m.dpkg}, ${m.osc}.
Load average ${m.loadStart} at the start and ${m.loadEnd} at the end: the cores and the disk were shared with
other work, so absolute times are noisy; the ratios are what to compare.

${table(['Target', 'Measured', ''], rendered.rows)}

${rendered.section}`
}
