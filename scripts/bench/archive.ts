// Item 6: an archive upstream (`upstream-archive`: Debian suites followed through their signed InRelease).
// A package of realistic size in a local signed reprepro archive (test/support/debian-archive.ts), the fork
// served by the counting git HTTP server, OBS behind the counting proxy. Each repetition, back to back:
// (b) a full update (a new security upload in bookworm-security: the action imports, rebases, builds,
// publishes), (a) the no-op run that follows it (the fork on the newest import, the suites unchanged), and
// the baseline "apt-get source, then dpkg-source -b and osc", publishing the same update by hand (after the
// no-op on the 1st, 3rd, … repetition, before the update on the 2nd, 4th, …).
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { parseParagraphs, checksumLines } from '../../src/archive/deb822.js'
import { createObsClient } from '../../src/obs/index.js'
import { run } from '../../src/process/run.js'
import { compareDebianVersions } from '../../src/versions/dpkg.js'
import { makeForkFromDsc } from '../../test/support/archive-fork.js'
import { changelogEntry, linePatch } from '../../test/support/debian-fixtures.js'
import {
  makeArchive,
  makeArchiveKey,
  makeSourcePackage,
  type LocalArchive,
} from '../../test/support/debian-archive.js'
import { startObsServer } from '../../test/support/obs-server.js'
import { tempDir } from '../../test/support/tmp.js'
import { runAction, type ActionResult } from './action.js'
import { startCountingGitServer, type CountingGitServer } from './git-http.js'
import { median, timed } from './measure.js'
import { sentBytes, startObsProxy, uploadedBytes, type CountingObsProxy, type ObsCall } from './obs-proxy.js'
import { logNormal, pick, prng, sourceLines, vocabulary } from './text.js'
import { readToolLog, toolWrappers, type ToolCall } from './tools.js'
import { buildWay, refsOf, resetRefs } from './update.js'

const project = 'home:bench'
const source = 'dovecot'
const suites = ['bookworm', 'bookworm-security']
const baseVersion = '1:2.3.21-1'
const security = (n: number) => `${baseVersion}+deb12u${n}`
/** What the action builds on the update (its default version-suffix), and so what the baseline writes. */
const builtVersion = `${security(2)}+carrier1`

export interface ArchiveShape {
  source: string
  /** bookworm's version, the security upload the fork is on, the one the update takes. */
  versions: { base: string; first: string; update: string }
  files: number
  rawBytes: number
  origName: string
  origBytes: number
  /** The .dsc and every file it names, of the update's version: what `apt-get source` downloads. */
  dscSetBytes: number
}

export interface Request {
  path: string
  status: number
  bytes: number
}

export interface ObsTraffic {
  /** File bytes PUT to OBS. */
  uploaded: number
  /** All request body bytes. */
  sent: number
  /** All response body bytes (osc checkout downloads the previous release). */
  received: number
  requests: number
  revisionBefore: string
  revisionAfter: string
  uploads: { name: string; bytes: number }[]
}

export interface ArchiveActionRun {
  result: string
  seconds: number
  stages: Record<string, number>
  /** What the archive server sent, request by request. */
  archive: Request[]
  /** Response and request body bytes of the fork's git HTTP server. */
  git: { received: number; sent: number; requests: number }
  obs: ObsTraffic
  scratch?: 'memory' | 'disk'
  wholeTree?: string
}

export interface BaselineRun {
  seconds: number
  steps: Record<string, number>
  archive: Request[]
  obs: ObsTraffic
}

/** Program calls of one extra, instrumented update run, summed per stage and program. */
export interface ArchiveBreakdown {
  seconds: number
  stages: Record<string, number>
  calls: { stage: string; what: string; count: number; seconds: number }[]
}

export interface ArchiveBench {
  shape: ArchiveShape
  setupSeconds: number
  /** The three .dsc sets came from the cache (BENCH_CACHE_DIR). */
  sourcesCached: boolean
  /** How the baseline fetched the source package: the real apt-get (private config), or its emulation. */
  baselineWay: 'apt-get' | 'emulated'
  /** Why apt-get could not be used, when it could not. */
  aptError?: string
  /** The run that made the first import (from downstream-base): the fork's state before every update. */
  firstImport: { seconds: number; stages: Record<string, number> }
  update: ArchiveActionRun[]
  noop: ArchiveActionRun[]
  baseline: BaselineRun[]
  breakdown?: ArchiveBreakdown
  /**
   * Seconds of `dpkg-source --no-copy --skip-patches -x` of the update's .dsc (what the Archive stage runs
   * to import it) into a directory on disk ($TMPDIR, where RUNNER_TEMP is) and into /dev/shm, alternated.
   */
  unpack?: { disk: number[]; memory: number[] }
}

const mainC = (delay: string) =>
  `#include <stdio.h>\nint main(void) {\n  notify_delay_ms(${delay});\n  return 0;\n}\n`
const parserC = (strict: string) => `int parse_strict = ${strict};\nint parse(const char *input);\n`

/**
 * ≈3,000 files of C-like source, ≈25 MB unpacked: the shape of item 2's package (update.ts), with the
 * files Debian's security patches and the fork's patch change.
 */
function upstreamSource(seed: number): Record<string, string> {
  const random = prng(seed)
  const words = vocabulary(random, 600)
  const dirs = Array.from({ length: 120 }, (_, i) => `src/${pick(random, words)}${i}`)
  const files: Record<string, string> = {
    'src/idle.c': mainC('500'),
    'src/auth/parser.c': parserC('0'),
    SECURITY: 'no known issues\n',
  }
  for (let i = 0; Object.keys(files).length < 3000; i++) {
    const path = `${pick(random, dirs)}/${pick(random, words)}-${i}.${pick(random, ['c', 'c', 'h', 'txt'])}`
    files[path] = `${sourceLines(random, words, logNormal(random, 125, 1.0, 5, 6000)).join('\n')}\n`
  }
  return files
}

const cve1 = linePatch(
  'src/auth/parser.c',
  [],
  'int parse_strict = 0;',
  'int parse_strict = 1;',
  ['int parse(const char *input);'],
  'CVE-2026-0001: parse strictly',
)
const cve2 = linePatch('SECURITY', [], 'no known issues', 'CVE-2026-0002 fixed', [], 'CVE-2026-0002')
/** The fork's one downstream change, as a quilt patch. */
const forkPatchName = 'remove-idle-debounce.patch'
const forkPatch = linePatch(
  'src/idle.c',
  ['#include <stdio.h>', 'int main(void) {'],
  '  notify_delay_ms(500);',
  '  notify_delay_ms(0);',
  ['  return 0;', '}'],
  'Remove the 500 ms IMAP IDLE debounce',
)

const entry = (version: string, text: string, date: string) => ({ version, text, date })
const changelog = (n: number) => [
  ...Array.from({ length: n }, (_, i) =>
    entry(security(n - i), `Security upload ${n - i}.`, `Mon, 0${n - i} Feb 2026 12:00:00 +0100`),
  ),
  entry(baseVersion, 'New upstream release.', 'Thu, 01 Jan 2026 00:00:00 +0000'),
]

const sum = (requests: readonly Request[]) => requests.reduce((n, r) => n + r.bytes, 0)
const since = (archive: LocalArchive, from: number): Request[] =>
  archive.requests.slice(from).map(({ path, status, bytes }) => ({ path, status, bytes }))

function obsTraffic(calls: readonly ObsCall[], before: string, after: string): ObsTraffic {
  return {
    uploaded: uploadedBytes(calls),
    sent: sentBytes(calls),
    received: calls.reduce((n, c) => n + c.received, 0),
    requests: calls.length,
    revisionBefore: before,
    revisionAfter: after,
    uploads: calls
      .filter((call) => call.method === 'PUT' && !call.path.endsWith('/_meta'))
      .map((call) => ({ name: decodeURIComponent(call.path.split('/').pop() ?? ''), bytes: call.sent })),
  }
}

interface Bed {
  archive: LocalArchive
  git: CountingGitServer
  proxy: CountingObsProxy
  client: ReturnType<typeof createObsClient>
  keyring: string
  inputs: (pkg: string) => Record<string, string>
  previousFiles: string[]
}

async function seedPackage(bed: Bed, pkg: string): Promise<void> {
  await bed.client.publish({
    project,
    package: pkg,
    create: true,
    message: 'previous release',
    files: bed.previousFiles.map((path) => ({ name: basename(path), path })),
  })
}

/** The package's revision read straight from the server ('–' before the package exists). */
const revision = (bed: Bed, pkg: string) =>
  bed.client.readPackage({ project, package: pkg }).then(
    (state) => state.revision,
    () => '–',
  )

/**
 * The three .dsc sets (bookworm's version, security uploads 1 and 2), from the cache when an earlier run
 * built them: they are deterministic, and building them (xz of a 25 MB tree, dpkg-source -b) takes minutes.
 */
async function cachedSourcePackages(
  cacheDir: string,
  files: Record<string, string>,
  fresh: boolean,
): Promise<{ packages: [string, string, string]; cached: boolean }> {
  const dir = join(cacheDir, 'archive-sources-v1')
  const names = [baseVersion, security(1), security(2)].map(
    (version) => `${source}_${version.replace(/^\d+:/, '')}.dsc`,
  )
  const paths = names.map((name, i) => join(dir, String(i), name)) as [string, string, string]
  const present = await Promise.all(
    paths.map((path) =>
      stat(path).then(
        () => true,
        () => false,
      ),
    ),
  )
  if (!fresh && present.every(Boolean)) return { packages: paths, cached: true }
  const upload = (n: number, patches: Record<string, string>) =>
    makeSourcePackage({ source, version: security(n), upstream: files, patches, changelog: changelog(n) })
  // two at a time: each is mostly one single-threaded xz
  const built = await Promise.all([
    makeSourcePackage({ source, version: baseVersion, upstream: files, changelog: changelog(0) }),
    upload(1, { 'CVE-2026-0001.patch': cve1 }),
  ])
  built.push(await upload(2, { 'CVE-2026-0001.patch': cve1, 'CVE-2026-0002.patch': cve2 }))
  const building = `${dir}.tmp-${process.pid}`
  await rm(building, { recursive: true, force: true })
  for (const [i, dsc] of built.entries()) {
    await mkdir(join(building, String(i)), { recursive: true })
    for (const name of await readdir(dirname(dsc)))
      await copyFile(join(dirname(dsc), name), join(building, String(i), name))
  }
  await rm(dir, { recursive: true, force: true })
  await rename(building, dir)
  return { packages: paths, cached: false }
}

/** One action run over the counting servers. */
async function actionRun(
  bed: Bed,
  pkg: string,
  expectResult: string,
  tools?: { dir: string; log: string },
): Promise<{ run: ArchiveActionRun; result: ActionResult }> {
  const before = await revision(bed, pkg)
  const from = bed.archive.requests.length
  bed.git.reset()
  bed.proxy.reset()
  const result = await runAction(
    { ...bed.inputs(pkg), 'output-dir': await tempDir('pc-bench-archive-out-') },
    {
      expectResult,
      env: tools ? { PATH: `${tools.dir}:${process.env.PATH ?? ''}`, BENCH_TOOL_LOG: tools.log } : {},
    },
  )
  const traffic = bed.git.traffic()
  return {
    result,
    run: {
      result: result.outputs.result ?? '',
      seconds: result.seconds,
      stages: result.stages,
      archive: since(bed.archive, from),
      git: { received: traffic.received, sent: traffic.sent, requests: traffic.requests },
      obs: obsTraffic(bed.proxy.calls(), before, await revision(bed, pkg)),
      ...buildWay(result),
    },
  }
}

/**
 * apt-get with a private configuration: its own sources.list, lists, cache and keyring, so it neither reads
 * nor writes the system's sources and state (it still reads /etc/apt/apt.conf.d, as any apt-get does).
 */
async function privateApt(dir: string, archiveUrl: string, keyring: string) {
  const etc = join(dir, 'etc')
  for (const sub of ['lists/partial', 'cache/archives/partial', 'etc/trusted.gpg.d', 'etc/preferences.d'])
    await mkdir(join(dir, sub), { recursive: true })
  const list = join(etc, 'sources.list')
  await writeFile(
    list,
    suites.map((suite) => `deb-src [signed-by=${keyring}] ${archiveUrl} ${suite} main\n`).join(''),
  )
  const options = [
    `Dir::Etc::sourcelist=${list}`,
    'Dir::Etc::sourceparts=-',
    `Dir::Etc::trusted=${keyring}`,
    `Dir::Etc::trustedparts=${join(etc, 'trusted.gpg.d')}`,
    `Dir::Etc::preferencesparts=${join(etc, 'preferences.d')}`,
    `Dir::State::Lists=${join(dir, 'lists')}`,
    `Dir::Cache=${join(dir, 'cache')}`,
    // root's apt drops to _apt for downloads, which cannot write into a private temporary directory
    'APT::Sandbox::User=root',
    'Acquire::Languages=none',
    'Acquire::http::Proxy=DIRECT',
  ].flatMap((option) => ['-o', option])
  return (args: string[], cwd: string) =>
    timed('apt-get', ['-q', ...options, ...args], { cwd, env: { LC_ALL: 'C' } })
}

/**
 * What `apt-get update` + `apt-get source` do, over plain HTTP: the InRelease and Sources.xz of each suite,
 * the newest version's .dsc and every file it names, then `dpkg-source -x`. The fallback when apt-get
 * cannot be used.
 */
async function emulatedAptGetSource(archiveUrl: string, into: string): Promise<void> {
  let newest: { version: string; directory: string; files: string[] } | undefined
  for (const suite of suites) {
    // apt-get update reads InRelease first (the emulation does not verify it)
    await fetch(`${archiveUrl}/dists/${suite}/InRelease`).then((response) => response.arrayBuffer())
    const response = await fetch(`${archiveUrl}/dists/${suite}/main/source/Sources.xz`)
    if (!response.ok) throw new Error(`${suite} Sources.xz: HTTP ${response.status}`)
    const packed = Buffer.from(await response.arrayBuffer())
    const text = (await run('xz', ['-dc'], { input: packed })).stdout
    for (const stanza of parseParagraphs(text).filter((p) => p.get('package') === source)) {
      const version = stanza.get('version') ?? ''
      if (newest && compareDebianVersions(newest.version, version) >= 0) continue
      const files = checksumLines(stanza.get('checksums-sha256'), `${suite} ${source}`).map((f) => f.name)
      newest = { version, directory: stanza.get('directory') ?? '', files }
    }
  }
  if (!newest) throw new Error(`no ${source} in ${suites.join(', ')}`)
  for (const name of newest.files) {
    const response = await fetch(`${archiveUrl}/${newest.directory}/${name}`)
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`)
    await writeFile(join(into, name), Buffer.from(await response.arrayBuffer()))
  }
  const dsc = newest.files.find((name) => name.endsWith('.dsc'))!
  await run('dpkg-source', ['-x', dsc], { cwd: into, env: { LC_ALL: 'C' } })
}

/** The baseline: the source package from the archive, the fork's patch added, dpkg-source -b, osc. */
async function baselineRun(bed: Bed, pkg: string, way: 'apt-get' | 'emulated'): Promise<BaselineRun> {
  const before = await bed.client.readPackage({ project, package: pkg })
  const dir = await tempDir('pc-bench-apt-')
  const work = join(dir, 'src')
  const home = join(dir, 'home')
  await mkdir(work)
  await mkdir(home)
  const oscrc = join(dir, 'oscrc')
  await writeFile(
    oscrc,
    `[general]\napiurl = ${bed.proxy.url}\ncheck_for_request_on_action = 0\n\n` +
      `[${bed.proxy.url}]\nuser = bench\npass = bench-password\nallow_http = 1\n`,
    { mode: 0o600 },
  )
  const osc = (args: string[], cwd: string) =>
    timed('/usr/bin/python3', ['/usr/bin/osc', '-c', oscrc, ...args], {
      cwd,
      env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state') },
    })
  const apt = await privateApt(join(dir, 'apt'), bed.archive.url, bed.keyring)
  const steps: Record<string, number> = {}
  const step = async (name: string, work: () => Promise<unknown>) => {
    const started = performance.now()
    await work()
    steps[name] = (steps[name] ?? 0) + (performance.now() - started) / 1000
  }
  const from = bed.archive.requests.length
  bed.proxy.reset()
  const started = performance.now()
  if (way === 'apt-get') {
    await step('apt-get update', () => apt(['update'], work))
    // downloads the .dsc set, checks it against Sources and unpacks it with dpkg-source -x
    await step('apt-get source', () => apt(['source', source], work))
  } else {
    await step('emulated apt-get source', () => emulatedAptGetSource(bed.archive.url, work))
  }
  const tree = join(work, (await readdir(work, { withFileTypes: true })).find((e) => e.isDirectory())!.name)
  // the fork's patch (at hand: not fetched from anywhere), the series, a changelog entry as `dch` writes it
  await step('add patch + changelog', async () => {
    await writeFile(join(tree, 'debian', 'patches', forkPatchName), forkPatch)
    const series = join(tree, 'debian', 'patches', 'series')
    await writeFile(series, `${(await readFile(series, 'utf8')).trimEnd()}\n${forkPatchName}\n`)
    const file = join(tree, 'debian', 'changelog')
    const text = changelogEntry(source, builtVersion, `Carry ${forkPatchName}.`)
    await writeFile(file, text + (await readFile(file, 'utf8')))
  })
  await step('dpkg-source -b', () => timed('dpkg-source', ['-b', basename(tree)], { cwd: work }))
  const stem = `${source}_${builtVersion.replace(/^\d+:/, '')}`
  const orig = (await readdir(work)).find((name) => /\.orig\.tar\.[a-z0-9]+$/.test(name))!
  const built = [orig, `${stem}.dsc`, `${stem}.debian.tar.xz`]
  const checkout = join(dir, 'osc')
  await mkdir(checkout)
  await step('osc checkout', () => osc(['checkout', project, pkg], checkout))
  const wc = join(checkout, project, pkg)
  await step('copy files', async () => {
    for (const file of before.files) if (!built.includes(file.name)) await rm(join(wc, file.name))
    for (const name of built) await copyFile(join(work, name), join(wc, name))
  })
  await step('osc addremove', () => osc(['addremove'], wc))
  await step('osc commit', () => osc(['commit', '-m', `${builtVersion}: carry ${forkPatchName}`], wc))
  const seconds = (performance.now() - started) / 1000
  const obs = obsTraffic(bed.proxy.calls(), before.revision, await revision(bed, pkg))
  const archive = since(bed.archive, from)
  await rm(dir, { recursive: true, force: true })
  return { seconds, steps, archive, obs }
}

/** Whether apt-get can fetch from the local archive with a private configuration; the error if not. */
async function probeApt(archiveUrl: string, keyring: string): Promise<string | undefined> {
  const dir = await tempDir('pc-bench-apt-probe-')
  try {
    const apt = await privateApt(join(dir, 'apt'), archiveUrl, keyring)
    await apt(['update'], dir)
    await apt(['source', '--download-only', source], dir)
    if (!(await readdir(dir)).some((name) => name.endsWith('.dsc')))
      return 'apt-get source downloaded no .dsc'
    return undefined
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 6).join(' ')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Top-level program calls of an instrumented run, summed per stage (the log group open at their start). */
function breakdown(result: ActionResult, calls: readonly ToolCall[]): ArchiveBreakdown {
  const sums = new Map<string, ArchiveBreakdown['calls'][number]>()
  for (const call of calls.filter((c) => c.depth === 0)) {
    const window = result.windows.findLast((w) => w.start - 2 <= call.start)
    const stage = !window ? '(before the stages)' : call.start <= window.end + 2 ? window.stage : '(between)'
    const what = call.tool === 'git' ? `git ${call.sub}` : call.tool
    const key = `${stage}\u0000${what}`
    const item = sums.get(key) ?? { stage, what, count: 0, seconds: 0 }
    item.count++
    item.seconds += (call.end - call.start) / 1000
    sums.set(key, item)
  }
  return { seconds: result.seconds, stages: result.stages, calls: [...sums.values()] }
}

/** The import's unpack, timed on disk and in memory (undefined without /dev/shm). */
async function unpackTimes(dsc: string, reps: number): Promise<ArchiveBench['unpack']> {
  if (
    !(await stat('/dev/shm').then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    return undefined
  const times: NonNullable<ArchiveBench['unpack']> = { disk: [], memory: [] }
  const once = async (parent: string) => {
    const tree = join(parent, 'unpacked')
    const { seconds } = await timed('dpkg-source', ['--no-copy', '--skip-patches', '-x', dsc, tree], {
      env: { LC_ALL: 'C' },
    })
    await rm(parent, { recursive: true, force: true })
    return seconds
  }
  for (let rep = 0; rep < reps; rep++) {
    times.disk.push(await once(await tempDir('pc-bench-unpack-')))
    times.memory.push(await once(await mkdtemp('/dev/shm/pc-bench-unpack-')))
  }
  return times
}

export async function measureArchive(options: {
  reps: number
  cacheDir: string
  fresh: boolean
  progress: (line: string) => void
}): Promise<ArchiveBench> {
  const { reps, progress } = options
  const setupStarted = performance.now()
  const files = upstreamSource(21)
  const key = await makeArchiveKey()
  const archive = await makeArchive({ suites: suites.map((codename) => ({ codename })), key })
  const { packages, cached } = await cachedSourcePackages(options.cacheDir, files, options.fresh)
  const [base, firstUpload, nextUpload] = packages
  await archive.include('bookworm', base)
  await archive.include('bookworm-security', firstUpload)
  progress(`archive: ${source} ${baseVersion} and two security uploads ${cached ? 'cached' : 'built'}`)

  // the fork made by hand from bookworm's version, carrying one quilt patch, served over counting HTTP
  const fork = await makeForkFromDsc(base)
  await fork.commit(`Add ${forkPatchName}`, {
    [`debian/patches/${forkPatchName}`]: forkPatch,
    'debian/patches/series': `${forkPatchName}\n`,
  })
  await run('git', ['-C', fork.bare, 'config', 'http.receivepack', 'true'])
  const git = await startCountingGitServer(dirname(fork.bare))
  const obs = await startObsServer()
  await obs.createProject(project)
  const proxy = await startObsProxy(obs.apiUrl)
  const client = createObsClient({ apiUrl: obs.apiUrl, auth: { user: 'bench', password: 'bench' } })
  const bed: Bed = {
    archive,
    git,
    proxy,
    client,
    keyring: key.keyringFile,
    previousFiles: [],
    inputs: (pkg) => ({
      cache: 'false', // cold runs, as items 1–3
      'remote-url': `${git.url}/${basename(fork.bare)}`,
      'upstream-archive': archive.url,
      'upstream-suites': suites.join(', '),
      'archive-keyring': key.armoredPublic,
      'downstream-base': 'base',
      'obs-url': proxy.url,
      'obs-project': project,
      'obs-package': pkg,
      'obs-user': 'bench',
      'obs-password': 'bench-password',
      'obs-create': 'true',
    }),
  }
  try {
    // the first import (downstream-base → deb12u1), published: the state before every update
    const first = await actionRun(bed, 'dovecot-first', 'published')
    bed.previousFiles = JSON.parse(first.result.outputs.files ?? '[]') as string[]
    const forkBefore = await refsOf(fork.bare)
    progress(`first import: ${first.run.seconds.toFixed(2)} s`)

    // the new security upload the update takes
    await archive.remove('bookworm-security', source)
    await archive.include('bookworm-security', nextUpload)
    const pool = join(archive.dir, 'pool', 'main', source[0]!, source)
    const dscSet = (await readdir(pool)).filter(
      (name) => name.includes(security(2).replace(/^\d+:/, '')) || name.includes('.orig.'),
    )
    const origName = dscSet.find((name) => name.includes('.orig.'))!
    let dscSetBytes = 0
    for (const name of dscSet) dscSetBytes += (await stat(join(pool, name))).size
    const shape: ArchiveShape = {
      source,
      versions: { base: baseVersion, first: security(1), update: security(2) },
      files: Object.keys(files).length,
      rawBytes: Object.values(files).reduce((n, text) => n + text.length, 0),
      origName,
      origBytes: (await stat(join(pool, origName))).size,
      dscSetBytes,
    }
    progress(
      `package: ${shape.files} files, ${(shape.rawBytes / 1e6).toFixed(1)} MB unpacked, ` +
        `${origName} ${(shape.origBytes / 1e6).toFixed(1)} MB`,
    )
    const aptError = await probeApt(archive.url, key.keyringFile)
    const baselineWay = aptError ? 'emulated' : 'apt-get'
    if (aptError) progress(`apt-get cannot be used (${aptError}): the baseline emulates it`)
    const bench: ArchiveBench = {
      shape,
      setupSeconds: (performance.now() - setupStarted) / 1000,
      sourcesCached: cached,
      baselineWay,
      aptError,
      firstImport: { seconds: first.run.seconds, stages: first.run.stages },
      update: [],
      noop: [],
      baseline: [],
    }
    for (let rep = 0; rep < reps; rep++) {
      // back to back, each from the same start: the fork on deb12u1, OBS holding its build; the order
      // alternates, and each timed run starts with the page cache flushed (no writeback of the one before)
      await resetRefs(fork.bare, forkBefore)
      await seedPackage(bed, `dovecot-a${rep}`)
      await seedPackage(bed, `dovecot-m${rep}`)
      const baseline = async () => {
        await run('sync', [])
        bench.baseline.push(await baselineRun(bed, `dovecot-m${rep}`, baselineWay))
      }
      if (rep % 2 === 1) await baseline()
      await run('sync', [])
      bench.update.push((await actionRun(bed, `dovecot-a${rep}`, 'published')).run)
      await run('sync', [])
      bench.noop.push((await actionRun(bed, `dovecot-a${rep}`, 'up-to-date')).run)
      if (rep % 2 === 0) await baseline()
      const [u, n, b] = [bench.update.at(-1)!, bench.noop.at(-1)!, bench.baseline.at(-1)!]
      progress(
        `archive ${rep + 1}/${reps}: update ${u.seconds.toFixed(2)} s, no-op ${n.seconds.toFixed(2)} s ` +
          `(${sum(n.archive) + n.git.received} B), baseline ${b.seconds.toFixed(2)} s (${sum(b.archive)} B)`,
      )
    }
    // one more update, instrumented (every call of these programs timed; not among the figures above)
    await resetRefs(fork.bare, forkBefore)
    await seedPackage(bed, 'dovecot-diag')
    const tools = {
      dir: await toolWrappers(['git', 'dpkg-source', 'tar', 'xz', 'patch', 'gpgv', 'cp']),
      log: join(await tempDir('pc-bench-toollog-'), 'tools.log'),
    }
    const diag = await actionRun(bed, 'dovecot-diag', 'published', tools)
    bench.breakdown = breakdown(diag.result, await readToolLog(tools.log))
    bench.unpack = await unpackTimes(join(pool, `${source}_${security(2).replace(/^\d+:/, '')}.dsc`), 3)
    progress(
      `archive: update median ${median(bench.update.map((r) => r.seconds)).toFixed(2)} s, ` +
        `baseline ${median(bench.baseline.map((r) => r.seconds)).toFixed(2)} s`,
    )
    return bench
  } finally {
    await proxy.close()
    await obs.stop()
    await git.close()
    await archive.close()
    await key.close()
  }
}
