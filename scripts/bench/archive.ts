// Item 6: an archive upstream (`upstream-archive`): the package of item 2's shape in a local signed reprepro
// archive, the fork (bookworm's version plus one quilt patch) on the counting git server, OBS behind a proxy.
// Each repetition from the same start (the fork on security upload 1), each run after a `sync`: the update to
// upload 2, the no-op run after it, and the baseline (apt-get source, patch, changelog, dpkg-source -b, osc).
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { run } from '../../src/process/run.js'
import { makeForkFromDsc } from '../../test/support/archive-fork.js'
import { changelogEntry, linePatch } from '../../test/support/debian-fixtures.js'
import * as archives from '../../test/support/debian-archive.js'
import { tempDir } from '../../test/support/tmp.js'
import { cachedDir, forkPatch, idlePatch, sourceShape, upstreamSource } from './generate.js'
import { list, repeat, since, timed, type BenchOptions } from './measure.js'
import { startCountingGitServer } from './servers.js'
import { manualProcedure, obsInputs, publishRun, refsOf, resetRefs, startObs } from './update.js'

const [source, suites, baseVersion] = ['dovecot', ['bookworm', 'bookworm-security'], '1:2.3.21-1']
const security = (n: number) => `${baseVersion}+deb12u${n}`
const noEpoch = (version: string) => version.replace(/^\d+:/, '')
/** What the action builds on the update (its default version-suffix), and so what the baseline writes. */
const builtVersion = `${security(2)}+carrier1`
const [lax, parse] = ['int parse_strict = 0;', 'int parse(const char *input);']
const parserC = `${lax}\n${parse}\n`
const cves = [
  linePatch('src/auth/parser.c', [], lax, 'int parse_strict = 1;', [parse], 'CVE-2026-0001: parse strictly'),
  linePatch('SECURITY', [], 'no known issues', 'CVE-2026-0002 fixed', [], 'CVE-2026-0002'),
]
const [forkPatchName, forkPatchText] = [forkPatch.name, idlePatch(forkPatch.subject)]
const changelog = (n: number) => [
  ...Array.from({ length: n }, (_, i) => ({
    version: security(n - i),
    text: `Security upload ${n - i}.`,
    date: `Mon, 0${n - i} Feb 2026 12:00:00 +0100`,
  })),
  { version: baseVersion, text: 'New upstream release.', date: 'Thu, 01 Jan 2026 00:00:00 +0000' },
]
const files = () => upstreamSource(21, { 'src/auth/parser.c': parserC, SECURITY: 'no known issues\n' })

/** The archive's requests since the `from`th: what a run fetched from it. */
const fetched = (archive: archives.LocalArchive, from: number) =>
  archive.requests.slice(from).map(({ path, status, bytes }) => ({ path, status, bytes }))

/** The three .dsc sets (bookworm's, security uploads 1 and 2), cached between runs (minutes of xz). */
async function cachedSourcePackages(cacheDir: string, fresh: boolean) {
  const dir = join(cacheDir, 'archive-sources-v1')
  const cached = await cachedDir(dir, fresh, async (building) => {
    const upstream = files()
    const patches = (n: number) =>
      Object.fromEntries(cves.slice(0, n).map((p, i) => [`CVE-2026-000${i + 1}.patch`, p]))
    const make = (n: number, version = security(n)) =>
      archives.makeSourcePackage({ source, version, upstream, changelog: changelog(n), patches: patches(n) })
    // two at a time: each is mostly one single-threaded xz
    const built = [...(await Promise.all([make(0, baseVersion), make(1)])), await make(2)]
    await mkdir(building)
    for (const [i, dsc] of built.entries()) await run('cp', ['-a', dirname(dsc), join(building, String(i))])
  })
  const versions = [baseVersion, security(1), security(2)]
  return { packages: versions.map((v, i) => join(dir, String(i), `${source}_${noEpoch(v)}.dsc`)), cached }
}

type Bed = Awaited<ReturnType<typeof testBed>>

async function testBed(cacheDir: string, fresh: boolean) {
  const key = await archives.makeArchiveKey()
  const archive = await archives.makeArchive({ suites: suites.map((codename) => ({ codename })), key })
  const { packages, cached } = await cachedSourcePackages(cacheDir, fresh)
  await archive.include('bookworm', packages[0]!)
  await archive.include('bookworm-security', packages[1]!)
  const fork = await makeForkFromDsc(packages[0]!)
  await fork.commit(`Add ${forkPatchName}`, {
    [`debian/patches/${forkPatchName}`]: forkPatchText,
    'debian/patches/series': `${forkPatchName}\n`,
  })
  const git = await startCountingGitServer(dirname(fork.bare))
  const obs = await startObs()
  const inputs = (pkg: string) => ({
    ...{ 'remote-url': `${git.url}/${basename(fork.bare)}`, 'upstream-archive': archive.url },
    ...{ 'upstream-suites': suites.join(', '), 'archive-keyring': key.armoredPublic },
    ...{ 'downstream-base': 'base', ...obsInputs(obs.proxy.url, pkg) },
  })
  return { key, archive, packages, cached, fork, git, obs, inputs }
}

async function actionRun(bed: Bed, pkg: string, expectResult: string) {
  const from = bed.archive.requests.length
  bed.git.reset()
  const { result, ...run } = await publishRun(bed.obs, pkg, bed.inputs(pkg), expectResult)
  const [{ outputs, seconds, stages }, archive] = [result, fetched(bed.archive, from)]
  const figures = { result: outputs.result ?? '', seconds, stages, archive, git: bed.git.traffic() }
  return { ...figures, ...run, files: outputs.files }
}

/** apt-get with its own sources.list, lists, cache and keyring (it still reads /etc/apt/apt.conf.d). */
async function privateApt(dir: string, archiveUrl: string, keyring: string) {
  for (const sub of ['lists/partial', 'cache/archives/partial', 'etc/trusted.gpg.d', 'etc/preferences.d'])
    await mkdir(join(dir, sub), { recursive: true })
  const sources = join(dir, 'etc', 'sources.list')
  const line = (suite: string) => `deb-src [signed-by=${keyring}] ${archiveUrl} ${suite} main\n`
  await writeFile(sources, suites.map(line).join(''))
  const options = [
    `Dir::Etc::sourcelist=${sources}`,
    'Dir::Etc::sourceparts=-',
    `Dir::Etc::trusted=${keyring}`,
    `Dir::Etc::trustedparts=${join(dir, 'etc', 'trusted.gpg.d')}`,
    `Dir::Etc::preferencesparts=${join(dir, 'etc', 'preferences.d')}`,
    `Dir::State::Lists=${join(dir, 'lists')}`,
    `Dir::Cache=${join(dir, 'cache')}`,
    'APT::Sandbox::User=root', // root's apt drops to _apt for downloads, which cannot write here
    'Acquire::Languages=none',
    'Acquire::http::Proxy=DIRECT',
  ].flatMap((option) => ['-o', option])
  return (args: string[], cwd: string) =>
    timed('apt-get', ['-q', ...options, ...args], { cwd, env: { LC_ALL: 'C' } })
}

/** The baseline: the source package from the archive, the fork's patch added, dpkg-source -b, osc. */
async function baselineRun(bed: Bed, pkg: string) {
  const from = bed.archive.requests.length
  const run = await manualProcedure(bed.obs, pkg, async (dir, step, publish) => {
    const work = join(dir, 'src')
    await mkdir(work)
    const apt = await privateApt(join(dir, 'apt'), bed.archive.url, bed.key.keyringFile)
    await step('apt-get update', () => apt(['update'], work))
    // downloads the .dsc set, checks it against Sources and unpacks it with dpkg-source -x
    await step('apt-get source', () => apt(['source', source], work))
    const tree = (await readdir(work, { withFileTypes: true })).find((e) => e.isDirectory())!.name
    // the fork's patch (at hand: not fetched from anywhere), the series, a changelog entry as `dch` writes it
    await step('add patch + changelog', async () => {
      const [patches, file] = [join(work, tree, 'debian', 'patches'), join(work, tree, 'debian', 'changelog')]
      await writeFile(join(patches, forkPatchName), forkPatchText)
      const series = (await readFile(join(patches, 'series'), 'utf8')).trimEnd()
      await writeFile(join(patches, 'series'), `${series}\n${forkPatchName}\n`)
      const entry = changelogEntry(source, builtVersion, `Carry ${forkPatchName}.`)
      await writeFile(file, entry + (await readFile(file, 'utf8')))
    })
    await step('dpkg-source -b', () => timed('dpkg-source', ['-b', tree], { cwd: work }))
    const orig = (await readdir(work)).find((name) => /\.orig\.tar\.[a-z0-9]+$/.test(name))!
    const stem = `${source}_${noEpoch(builtVersion)}`
    const built = [orig, `${stem}.dsc`, `${stem}.debian.tar.xz`].map((name) => join(work, name))
    return publish(built, `${builtVersion}: carry ${forkPatchName}`, true)
  })
  return { ...run, archive: fetched(bed.archive, from) }
}

/** Seconds of the import's unpack (`dpkg-source --no-copy --skip-patches -x`) into $TMPDIR and into /dev/shm, alternated. */
async function unpackTimes(dsc: string, reps: number) {
  if (!existsSync('/dev/shm')) return undefined
  const once = async (parent: string) => {
    const args = ['--no-copy', '--skip-patches', '-x', dsc, join(parent, 'unpacked')]
    const { seconds } = await timed('dpkg-source', args, { env: { LC_ALL: 'C' } })
    await rm(parent, { recursive: true, force: true })
    return seconds
  }
  const [disk, memory] = [() => tempDir('pc-bench-unpack-'), () => mkdtemp('/dev/shm/pc-bench-unpack-')]
  const pairs = await repeat(reps, async () => [await once(await disk()), await once(await memory())])
  return { disk: pairs.map((pair) => pair[0]!), memory: pairs.map((pair) => pair[1]!) }
}

export async function measureArchive({ reps, cacheDir, fresh, progress }: BenchOptions) {
  const setupStarted = performance.now()
  const bed = await testBed(cacheDir, fresh)
  try {
    // the first import (downstream-base → deb12u1), published: the state before every update
    const { files: firstFiles, ...firstImport } = await actionRun(bed, 'dovecot-first', 'published')
    const previousFiles = JSON.parse(firstFiles ?? '[]') as string[]
    const forkBefore = await refsOf(bed.fork.bare)
    // the new security upload the update takes
    await bed.archive.remove('bookworm-security', source)
    await bed.archive.include('bookworm-security', bed.packages[2]!)
    const pool = join(bed.archive.dir, 'pool', 'main', source[0]!, source)
    const inSet = (name: string) => name.includes(noEpoch(security(2))) || name.includes('.orig.')
    const dscSet = (await readdir(pool)).filter(inSet)
    const origName = dscSet.find((name) => name.includes('.orig.'))!
    const sizes = await Promise.all(dscSet.map(async (name) => (await stat(join(pool, name))).size))
    const shape = {
      ...{ source, sourcesCached: bed.cached, ...sourceShape(files()) },
      ...{ origName, origBytes: (await stat(join(pool, origName))).size },
      // the .dsc and every file it names, of the update's version: what `apt-get source` downloads
      dscSetBytes: sizes.reduce((n, size) => n + size, 0),
      versions: { base: baseVersion, first: security(1), update: security(2) },
    }
    const setupSeconds = since(setupStarted)
    // from the same start (fork on deb12u1, OBS with its build); the baseline first on odd repetitions
    const runs = await repeat(reps, async (rep) => {
      await resetRefs(bed.fork.bare, forkBefore)
      await bed.obs.seed(`dovecot-a${rep}`, previousFiles)
      await bed.obs.seed(`dovecot-m${rep}`, previousFiles)
      const synced = async <T>(work: () => Promise<T>) => (await run('sync', []), await work())
      const manual = () => synced(() => baselineRun(bed, `dovecot-m${rep}`))
      const early = rep % 2 === 1 ? await manual() : undefined
      const update = await synced(() => actionRun(bed, `dovecot-a${rep}`, 'published'))
      const noop = await synced(() => actionRun(bed, `dovecot-a${rep}`, 'up-to-date'))
      const baseline = early ?? (await manual())
      const times = list([update, noop, baseline].map((r) => r.seconds))
      progress(`archive ${rep + 1}/${reps}: update, no-op, baseline ${times} s`)
      return { update, noop, baseline }
    })
    const unpack = await unpackTimes(join(pool, `${source}_${noEpoch(security(2))}.dsc`), 3)
    const update = runs.map((r) => r.update)
    const [noop, baseline] = [runs.map((r) => r.noop), runs.map((r) => r.baseline)]
    const { seconds, stages } = firstImport
    return { shape, setupSeconds, firstImport: { seconds, stages }, update, noop, baseline, unpack }
  } finally {
    await bed.obs.stop()
    await bed.git.close()
    await bed.archive.close()
    await bed.key.close()
  }
}
