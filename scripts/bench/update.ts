// Items 2 and 3: a full update (a new upstream tag) of a package of realistic size, by the action and by
// the manual procedure, both publishing to a local OBS source server through a byte-counting proxy; then
// the OBS bytes the action uploads against the minimum, and what re-runs upload.
import { createHash } from 'node:crypto'
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { run } from '../../src/process/run.js'
import { createObsClient, type ObsClient } from '../../src/obs/index.js'
import {
  addDownstreamPatch,
  changelogEntry,
  linePatch,
  makeDebianUpstream,
  makeFork,
  type Fork,
} from '../../test/support/debian-fixtures.js'
import { fixtureEnv } from '../../test/support/git.js'
import { startObsServer, type ObsTestServer } from '../../test/support/obs-server.js'
import { tempDir } from '../../test/support/tmp.js'
import { runAction, type ActionResult } from './action.js'
import { timed } from './measure.js'
import { sentBytes, startObsProxy, uploadedBytes, type CountingObsProxy, type ObsCall } from './obs-proxy.js'
import { between, logNormal, pick, prng, sourceLines, vocabulary } from './text.js'
import { readToolLog, toolTotal, toolWrappers, type ToolCall } from './tools.js'

const project = 'home:bench'
const source = 'dovecot-bench'
const oldTag = 'debian/1%2.3.21-1'
const newTag = 'debian/1%2.3.22-1'
const newVersion = '1:2.3.22-1+chatmail1'

export interface PackageShape {
  files: number
  rawBytes: number
  origName: string
  origBytes: number
}

export interface ActionRep {
  seconds: number
  stages: Record<string, number>
  /** Seconds inside Build spent in `pristine-tar` (orig tarballs) and `dpkg-source -b`. */
  tools: { pristineTar: number; dpkgSource: number }
  obs: ObsBytes
  /** Where the build wrote its trees: in memory (/dev/shm) or on disk. */
  scratch: 'memory' | 'disk'
  /** Why dpkg-source compared the whole tree with the orig tarball; undefined: only the patched files. */
  wholeTree?: string
}

/** How the action built, from its log and job summary. */
export function buildWay(result: ActionResult): Pick<ActionRep, 'scratch' | 'wholeTree'> {
  const text = `${result.log}\n${result.summary}`
  return {
    scratch: /^Build scratch in memory/m.test(text) ? 'memory' : 'disk',
    wholeTree: /dpkg-source compared the whole tree with the orig tarball: (.*)$/m.exec(text)?.[1],
  }
}

export interface ManualRep {
  seconds: number
  steps: Record<string, number>
  obs: ObsBytes
}

export interface ObsBytes {
  /** File bytes PUT to OBS, counted on the wire. */
  uploaded: number
  /** Sizes of the built files OBS did not have with the same name and md5 before: the minimum. */
  minimum: number
  /** All request body bytes (uploads, file lists, metadata). */
  sent: number
  requests: number
  revisionBefore: string
  revisionAfter: string
  uploads: { name: string; bytes: number }[]
}

export interface RerunCase {
  name: string
  what: string
  result: string
  seconds: number
  obs: ObsBytes
}

/** Where one (extra, instrumented) action run spends its time: program calls per stage. */
export interface Breakdown {
  seconds: number
  stages: Record<string, number>
  calls: { stage: string; what: string; count: number; seconds: number }[]
}

export interface UpdateBench {
  shape: PackageShape
  upstreamCached: boolean
  setupSeconds: number
  action: ActionRep[]
  manual: ManualRep[]
  breakdown?: Breakdown
  reruns: RerunCase[]
}

const mainC = (delay: string) =>
  `#include <stdio.h>\nint main(void) {\n  notify_delay_ms(${delay});\n  return 0;\n}\n`

/** ≈3,000 files of C-like source, ≈25 MB unpacked: an orig.tar.gz of ≈8 MB, like dovecot's. */
function upstreamSource(seed: number): Record<string, string> {
  const random = prng(seed)
  const words = vocabulary(random, 600)
  const dirs = Array.from({ length: 120 }, (_, i) => `src/${pick(random, words)}${i}`)
  const files: Record<string, string> = { 'src/idle.c': mainC('500') }
  for (let i = 0; Object.keys(files).length < 3000; i++) {
    const path = `${pick(random, dirs)}/${pick(random, words)}-${i}.${pick(random, ['c', 'c', 'h', 'txt'])}`
    files[path] = `${sourceLines(random, words, logNormal(random, 125, 1.0, 5, 6000)).join('\n')}\n`
  }
  return files
}

/** The next upstream release: 5 % of the files edited, 20 added. */
function nextRelease(previous: Record<string, string>, seed: number): Record<string, string> {
  const random = prng(seed)
  const words = vocabulary(random, 600)
  const next = { ...previous }
  const paths = Object.keys(previous).filter((path) => path !== 'src/idle.c')
  for (let i = 0; i < paths.length * 0.05; i++) {
    const path = pick(random, paths)
    const lines = next[path]!.split('\n')
    lines.splice(
      between(random, 0, lines.length - 1),
      between(random, 0, 3),
      ...sourceLines(random, words, 6),
    )
    next[path] = lines.join('\n')
  }
  for (let i = 0; i < 20; i++)
    next[`src/new/${pick(random, words)}-${i}.c`] = `${sourceLines(random, words, 80).join('\n')}\n`
  return next
}

const md5 = async (path: string) =>
  createHash('md5')
    .update(await readFile(path))
    .digest('hex')

/** Refs of a bare repository. */
export async function refsOf(bare: string): Promise<Map<string, string>> {
  const out = (await run('git', ['-C', bare, 'for-each-ref', '--format=%(refname) %(objectname)'])).stdout
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  )
}

/** Puts a bare repository's refs back to a snapshot (refs made since are deleted). */
export async function resetRefs(bare: string, snapshot: Map<string, string>): Promise<void> {
  const now = await refsOf(bare)
  const commands: string[] = []
  for (const ref of now.keys()) if (!snapshot.has(ref)) commands.push(`delete ${ref}`)
  for (const [ref, sha] of snapshot) if (now.get(ref) !== sha) commands.push(`update ${ref} ${sha}`)
  if (commands.length > 0)
    await run('git', ['-C', bare, 'update-ref', '--stdin'], { input: `${commands.join('\n')}\n` })
}

/**
 * The upstream packaging repository (DEP-14 layout, pristine-tar) with releases 1:2.3.21-1 and
 * 1:2.3.22-1, from the cache when an earlier run made it: `pristine-tar commit` of an 8 MB tarball
 * takes ~50 s here (pristine-gz cannot reproduce the gzip stream and tries every variant).
 */
async function cachedUpstream(cacheDir: string, progress: (line: string) => void) {
  const cached = join(cacheDir, 'debian-upstream-v2.git')
  const v1 = upstreamSource(11)
  let hit = true
  try {
    await stat(join(cached, 'HEAD'))
  } catch {
    hit = false
    const started = performance.now()
    const upstream = await makeDebianUpstream({ source })
    await upstream.release({ version: '1:2.3.21-1', source: v1, pristineTar: true })
    await upstream.release({ version: '1:2.3.22-1', source: nextRelease(v1, 12), pristineTar: true })
    await mkdir(cacheDir, { recursive: true })
    const building = `${cached}.tmp-${process.pid}`
    await run('git', ['clone', '--quiet', '--mirror', upstream.bare, building])
    await rename(building, cached)
    progress(
      `upstream package repository generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
  }
  const root = await tempDir('pc-bench-upstream-')
  const bare = join(root, 'upstream.git')
  await run('git', ['clone', '--quiet', '--mirror', cached, bare])
  await run('git', ['-C', bare, 'config', 'uploadpack.allowFilter', 'true'])
  return { url: `file://${bare}`, bare, cached: hit, v1 }
}

/** A Debian-only upstream release (same upstream version): a changelog entry on debian/latest, tagged. */
export async function debianRevision(upstreamBare: string, version: string, tag: string): Promise<void> {
  const work = join(await tempDir('pc-bench-rev-'), 'work')
  const git = (...args: string[]) => run('git', ['-C', work, ...args], { env: fixtureEnv })
  await run('git', ['clone', '--quiet', '--no-checkout', '--branch', 'debian/latest', upstreamBare, work])
  const changelog = (await git('show', 'HEAD:debian/changelog')).stdout
  const text = changelogEntry(source, version, `Release ${version}.`) + changelog
  const blob = (
    await run('git', ['-C', work, 'hash-object', '-w', '--stdin'], { input: text, env: fixtureEnv })
  ).stdout.trim()
  await git('read-tree', 'HEAD')
  await git('update-index', '--cacheinfo', `100644,${blob},debian/changelog`)
  await git('commit', '--quiet', '-m', `Release ${version}`)
  await git('tag', tag)
  await git('push', '--quiet', upstreamBare, 'debian/latest', `refs/tags/${tag}`)
}

export interface Setup {
  upstream: { url: string; bare: string }
  fork: Fork
  obs: ObsTestServer
  proxy: CountingObsProxy
  client: ObsClient
  /** The previous release's source package (what OBS holds before the update). */
  previousFiles: string[]
  forkBefore: Map<string, string>
  /** Wrappers timing pristine-tar and dpkg-source (the timed runs). */
  buildTools: string
  /** Wrappers timing every program the action runs (the instrumented run). */
  allTools: string
  shape: PackageShape
  upstreamCached: boolean
}

export async function setup(cacheDir: string, progress: (line: string) => void): Promise<Setup> {
  const upstream = await cachedUpstream(cacheDir, progress)
  const fork = await makeFork(upstream.url, oldTag)
  await addDownstreamPatch(
    fork,
    'remove-idle-debounce.patch',
    linePatch(
      'src/idle.c',
      ['#include <stdio.h>', 'int main(void) {'],
      '  notify_delay_ms(500);',
      '  notify_delay_ms(0);',
      ['  return 0;', '}'],
    ),
    'Remove the 500 ms IMAP IDLE debounce',
  )
  const obs = await startObsServer()
  await obs.createProject(project)
  const proxy = await startObsProxy(obs.apiUrl)
  const client = createObsClient({ apiUrl: obs.apiUrl, auth: { user: 'bench', password: 'bench' } })

  // What OBS holds before the update: the action builds the fork branch as it is (on the old tag) once.
  const out = await tempDir('pc-bench-prev-')
  const previous = await runAction(
    { ...inputs(fork, upstream.url, obs.apiUrl, 'dovecot-previous'), mode: 'build', 'output-dir': out },
    { expectResult: 'published' },
  )
  const previousFiles = JSON.parse(previous.outputs.files ?? '[]') as string[]
  const orig = previousFiles.find((file) => file.includes('.orig.'))!
  const shape = {
    files: Object.keys(upstream.v1).length,
    rawBytes: Object.values(upstream.v1).reduce((n, text) => n + text.length, 0),
    origName: basename(orig),
    origBytes: (await stat(orig)).size,
  }
  progress(
    `package: ${shape.files} files, ${(shape.rawBytes / 1e6).toFixed(1)} MB unpacked, ` +
      `${shape.origName} ${(shape.origBytes / 1e6).toFixed(1)} MB`,
  )
  return {
    upstream,
    fork,
    obs,
    proxy,
    client,
    previousFiles,
    forkBefore: await refsOf(fork.bare),
    buildTools: await toolWrappers(['pristine-tar', 'dpkg-source']),
    allTools: await toolWrappers([
      'git',
      'cp',
      'patch',
      'tar',
      'xz',
      'gzip',
      'pristine-tar',
      'dpkg-source',
      'dpkg-mergechangelogs',
    ]),
    shape,
    upstreamCached: upstream.cached,
  }
}

function inputs(fork: Fork, upstreamUrl: string, obsUrl: string, pkg: string): Record<string, string> {
  return {
    // cold runs: no cache between runs (item 4 of issue 8 is about that; it is measured separately)
    cache: 'false',
    'remote-url': fork.url,
    'upstream-url': upstreamUrl,
    'upstream-tags': 'debian/*',
    'version-suffix': '+chatmail{n}',
    'obs-url': obsUrl,
    'obs-project': project,
    'obs-package': pkg,
    'obs-user': 'bench',
    'obs-password': 'bench-password',
    'obs-create': 'true',
  }
}

/** A fresh OBS package holding the previous release, as before every update. */
export async function seedPackage(s: Setup, pkg: string): Promise<void> {
  await s.client.publish({
    project,
    package: pkg,
    create: true,
    message: 'previous release',
    files: s.previousFiles.map((path) => ({ name: basename(path), path })),
  })
}

/** The package's state read straight from the server (not through the counting proxy). */
const packageState = (s: Setup, pkg: string) => s.client.readPackage({ project, package: pkg })

/** Uploaded bytes against the minimum: built files whose name+md5 OBS did not list before. */
async function obsBytes(
  s: Setup,
  pkg: string,
  before: { revision: string; files: readonly { name: string; md5: string }[] },
  built: readonly string[],
  calls: readonly ObsCall[],
): Promise<ObsBytes> {
  const had = new Set(before.files.map((file) => `${file.name} ${file.md5}`))
  let minimum = 0
  for (const path of built) {
    if (!had.has(`${basename(path)} ${await md5(path)}`)) minimum += (await stat(path)).size
  }
  const after = await packageState(s, pkg)
  return {
    uploaded: uploadedBytes(calls),
    minimum,
    sent: sentBytes(calls),
    requests: calls.length,
    revisionBefore: before.revision,
    revisionAfter: after.revision,
    uploads: calls
      .filter((call) => call.method === 'PUT')
      .map((call) => ({ name: decodeURIComponent(call.path.split('/').pop() ?? ''), bytes: call.sent })),
  }
}

/** One run of the action, measured: wall, stages, program calls, OBS bytes. */
export async function actionRun(
  s: Setup,
  pkg: string,
  extra: Record<string, string>,
  expectResult: string,
  tools = s.buildTools,
): Promise<{ result: ActionResult; calls: ToolCall[]; obs: ObsBytes }> {
  const before = await packageState(s, pkg)
  const log = join(await tempDir('pc-bench-toollog-'), 'tools.log')
  const out = await tempDir('pc-bench-out-')
  s.proxy.reset()
  const result = await runAction(
    { ...inputs(s.fork, s.upstream.url, s.proxy.url, pkg), 'output-dir': out, ...extra },
    { env: { PATH: `${tools}:${process.env.PATH ?? ''}`, BENCH_TOOL_LOG: log }, expectResult },
  )
  const calls = s.proxy.calls()
  const built = JSON.parse(result.outputs.files ?? '[]') as string[]
  return { result, calls: await readToolLog(log), obs: await obsBytes(s, pkg, before, built, calls) }
}

const gitEnv = {
  GIT_AUTHOR_NAME: 'Package Maintainer',
  GIT_AUTHOR_EMAIL: 'maintainer@example.org',
  GIT_COMMITTER_NAME: 'Package Maintainer',
  GIT_COMMITTER_EMAIL: 'maintainer@example.org',
}

/** The procedure users run by hand today, step by step, with no think time between the steps. */
async function manualRun(s: Setup, pkg: string): Promise<ManualRep> {
  const before = await packageState(s, pkg)
  const dir = await tempDir('pc-bench-manual-')
  const work = join(dir, source)
  const home = join(dir, 'home')
  await mkdir(home)
  const oscrc = join(dir, 'oscrc')
  await writeFile(
    oscrc,
    `[general]\napiurl = ${s.proxy.url}\ncheck_for_request_on_action = 0\n\n` +
      `[${s.proxy.url}]\nuser = bench\npass = bench-password\nallow_http = 1\n`,
    { mode: 0o600 },
  )
  const osc = (args: string[], cwd: string) =>
    timed('/usr/bin/python3', ['/usr/bin/osc', '-c', oscrc, ...args], {
      cwd,
      env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state') },
    })
  const elapsed = async (work: () => Promise<unknown>) => {
    const started = performance.now()
    await work()
    return { seconds: (performance.now() - started) / 1000 }
  }
  const steps: Record<string, number> = {}
  const step = async (name: string, work: () => Promise<{ seconds: number }>) => {
    steps[name] = (steps[name] ?? 0) + (await work()).seconds
  }
  s.proxy.reset()
  const started = performance.now()
  // a full clone of the fork, then upstream's tags and pristine-tar branch
  await step('git clone', () => timed('git', ['clone', '--quiet', s.fork.url, work], { env: gitEnv }))
  await step('git fetch upstream', () =>
    timed(
      'git',
      [
        '-C',
        work,
        'fetch',
        '--quiet',
        s.upstream.url,
        '+refs/tags/*:refs/tags/*',
        '+refs/heads/pristine-tar:refs/heads/pristine-tar',
      ],
      { env: gitEnv },
    ),
  )
  // the downstream commits onto the new tag, and a changelog entry (what `dch` writes)
  await step('git rebase', () =>
    timed(
      'git',
      ['-C', work, 'rebase', '--quiet', '--onto', `refs/tags/${newTag}`, `refs/tags/${oldTag}`, 'main'],
      { env: gitEnv },
    ),
  )
  await step('changelog + commit', () =>
    elapsed(async () => {
      const changelog = join(work, 'debian', 'changelog')
      const entry = changelogEntry(source, newVersion, 'Rebase onto 1:2.3.22-1.')
      await writeFile(changelog, entry + (await readFile(changelog, 'utf8')))
      await run('git', ['-C', work, 'commit', '--quiet', '-am', `Release ${newVersion}`], { env: gitEnv })
    }),
  )
  // the orig tarball from pristine-tar, then dpkg-source -b
  const orig = join(dir, `${source}_2.3.22.orig.tar.gz`)
  await step('pristine-tar checkout', () =>
    timed('pristine-tar', ['checkout', orig], { cwd: work, env: gitEnv }),
  )
  await step('dpkg-source -b', () => timed('dpkg-source', ['-b', source], { cwd: dir }))
  const stem = `${source}_${newVersion.replace(/^\d+:/, '')}`
  const built = [orig, join(dir, `${stem}.dsc`), join(dir, `${stem}.debian.tar.xz`)]
  // osc checkout, osc rm the old files, copy the new ones in, osc add, osc commit
  const checkout = join(dir, 'osc')
  await mkdir(checkout)
  await step('osc checkout', () => osc(['checkout', project, pkg], checkout))
  const wc = join(checkout, project, pkg)
  const names = built.map((path) => basename(path))
  const old = before.files.map((file) => file.name).filter((name) => !names.includes(name))
  if (old.length > 0) await step('osc rm', () => osc(['rm', ...old], wc))
  await step('copy files', () =>
    elapsed(async () => {
      for (const path of built) await copyFile(path, join(wc, basename(path)))
    }),
  )
  await step('osc add', () => osc(['add', ...names], wc))
  await step('osc commit', () => osc(['commit', '-m', `${newVersion}: rebased onto ${newTag}`], wc))
  // the rebased branch back to the fork
  await step('git push', () =>
    timed('git', ['-C', work, 'push', '--quiet', '--force', s.fork.url, 'HEAD:main'], { env: gitEnv }),
  )
  const seconds = (performance.now() - started) / 1000
  const obs = await obsBytes(s, pkg, before, built, s.proxy.calls())
  await rm(dir, { recursive: true, force: true })
  return { seconds, steps, obs }
}

/** Program calls of an instrumented run, summed per stage and program (+ git subcommand). */
function breakdown(result: ActionResult, calls: readonly ToolCall[]): Breakdown {
  const sums = new Map<string, { stage: string; what: string; count: number; seconds: number }>()
  for (const call of calls.filter((c) => c.depth === 0)) {
    // the stage whose log group was open when the call started (2 ms of slack for the pipe)
    const window = result.windows.findLast((w) => w.start - 2 <= call.start)
    const stage =
      window === undefined
        ? '(before the stages)'
        : call.start <= window.end + 2
          ? window.stage
          : '(between stages)'
    const what =
      call.tool === 'git'
        ? `git ${call.sub}`
        : call.tool === 'dpkg-source'
          ? 'dpkg-source'
          : `${call.tool} ${call.sub}`.trim()
    const key = `${stage}\u0000${what}`
    const sum = sums.get(key) ?? { stage, what, count: 0, seconds: 0 }
    sum.count++
    sum.seconds += (call.end - call.start) / 1000
    sums.set(key, sum)
  }
  return { seconds: result.seconds, stages: result.stages, calls: [...sums.values()] }
}

export async function measureUpdate(options: {
  reps: number
  cacheDir: string
  progress: (line: string) => void
}): Promise<UpdateBench> {
  const { reps, progress } = options
  const setupStarted = performance.now()
  const s = await setup(options.cacheDir, progress)
  const setupSeconds = (performance.now() - setupStarted) / 1000
  const bench: UpdateBench = {
    shape: s.shape,
    upstreamCached: s.upstreamCached,
    setupSeconds,
    action: [],
    manual: [],
    reruns: [],
  }
  try {
    let forkAfterUpdate: Map<string, string> | undefined
    for (let rep = 0; rep < reps; rep++) {
      // alternated, each from the same start: the fork before the update, OBS at the previous release
      await resetRefs(s.fork.bare, s.forkBefore)
      await seedPackage(s, `dovecot-a${rep}`)
      const action = await actionRun(s, `dovecot-a${rep}`, {}, 'published')
      bench.action.push({
        seconds: action.result.seconds,
        stages: action.result.stages,
        tools: {
          pristineTar: toolTotal(action.calls, 'pristine-tar'),
          dpkgSource: toolTotal(action.calls, 'dpkg-source', '-b'),
        },
        obs: action.obs,
        ...buildWay(action.result),
      })
      forkAfterUpdate = await refsOf(s.fork.bare)
      await resetRefs(s.fork.bare, s.forkBefore)
      await seedPackage(s, `dovecot-m${rep}`)
      bench.manual.push(await manualRun(s, `dovecot-m${rep}`))
      progress(
        `update ${rep + 1}/${reps}: action ${action.result.seconds.toFixed(2)} s, ` +
          `manual ${bench.manual.at(-1)!.seconds.toFixed(2)} s`,
      )
    }
    // one more, instrumented (every program call timed; not among the figures above)
    await resetRefs(s.fork.bare, s.forkBefore)
    await seedPackage(s, 'dovecot-diag')
    const diag = await actionRun(s, 'dovecot-diag', {}, 'published', s.allTools)
    bench.breakdown = breakdown(diag.result, diag.calls)

    // re-runs, against the package the last timed action run published
    const last = `dovecot-a${reps - 1}`
    const rerun = async (name: string, what: string, extra: Record<string, string>, expect: string) => {
      const measured = await actionRun(s, last, extra, expect)
      bench.reruns.push({
        name,
        what,
        result: measured.result.outputs.result ?? '',
        seconds: measured.result.seconds,
        obs: measured.obs,
      })
    }
    await resetRefs(s.fork.bare, forkAfterUpdate!)
    await rerun('scheduled re-run', 'the next scheduled run: nothing new upstream', {}, 'up-to-date')
    await rerun(
      'build re-run',
      '`mode: build` of the same branch head (a re-run job)',
      { mode: 'build' },
      'published',
    )
    await resetRefs(s.fork.bare, s.forkBefore)
    await rerun(
      'update re-run',
      'the same update again from the old fork state, OBS already updated (as after a failed push)',
      {},
      'published',
    )
    // a Debian-revision update: same upstream version, so the orig tarball must not be sent again
    await debianRevision(s.upstream.bare, '1:2.3.22-2', 'debian/1%2.3.22-2')
    await rerun(
      'Debian revision update',
      'upstream tag `debian/1%2.3.22-2`: new .dsc and debian tarball, same orig tarball',
      {},
      'published',
    )
    progress(
      `re-runs: ${bench.reruns.map((r) => `${r.name} ${r.obs.uploaded} B (min ${r.obs.minimum} B)`).join('; ')}`,
    )
  } finally {
    await s.proxy.close()
    await s.obs.stop()
  }
  return bench
}
