// Items 2 and 3: a full update (new upstream tag) of a realistic package by the action and by the manual
// procedure (scripted: git clone, fetch, rebase --onto, changelog, pristine-tar, dpkg-source -b, osc, push),
// alternated, each from the same start; both publish to the real OBS source server through a byte-counting
// proxy. Then re-runs: OBS bytes uploaded against the minimum (built files OBS did not list with that md5).
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { run } from '../../src/process/run.js'
import { createObsClient, type PackageState } from '../../src/obs/index.js'
import * as debian from '../../test/support/debian-fixtures.js'
import { fixtureEnv, git } from '../../test/support/git.js'
import { md5 } from '../../test/support/obs-fixtures.js'
import { startObsServer } from '../../test/support/obs-server.js'
import { tempDir } from '../../test/support/tmp.js'
import * as measure from './measure.js'
import type { Tools } from './measure.js'
import { startObsProxy, traffic, uploads } from './servers.js'
import { cachedDir, forkPatch, idlePatch, nextRelease, sourceShape, upstreamSource } from './generate.js'

const [project, source] = ['home:bench', 'dovecot-bench']
const [oldTag, newTag, newVersion] = ['debian/1%2.3.21-1', 'debian/1%2.3.22-1', '1:2.3.22-1+chatmail1']

export async function refsOf(bare: string): Promise<Map<string, string>> {
  const refs = await git(bare, 'for-each-ref', '--format=%(refname) %(objectname)')
  return new Map([...refs.matchAll(/^(\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]))
}

export async function resetRefs(bare: string, snapshot: Map<string, string>): Promise<void> {
  const now = await refsOf(bare)
  const commands = [...now.keys()].filter((ref) => !snapshot.has(ref)).map((ref) => `delete ${ref}\n`)
  for (const [ref, sha] of snapshot) if (now.get(ref) !== sha) commands.push(`update ${ref} ${sha}\n`)
  await run('git', ['-C', bare, 'update-ref', '--stdin'], { input: commands.join('') })
}

/** Upstream (DEP-14, pristine-tar) with releases 1:2.3.21-1 and 1:2.3.22-1: `pristine-tar commit` takes ~50 s. */
async function cachedUpstream(cacheDir: string) {
  const [cached, v1] = [join(cacheDir, 'debian-upstream-v2.git'), upstreamSource(11)]
  const hit = await cachedDir(cached, false, async (path) => {
    const upstream = await debian.makeDebianUpstream({ source })
    await upstream.release({ version: '1:2.3.21-1', source: v1, pristineTar: true })
    await upstream.release({ version: '1:2.3.22-1', source: nextRelease(v1, 12), pristineTar: true })
    await run('git', ['clone', '--quiet', '--mirror', upstream.bare, path])
  })
  const bare = join(await tempDir('pc-bench-upstream-'), 'upstream.git')
  await run('git', ['clone', '--quiet', '--mirror', cached, bare])
  await git(bare, 'config', 'uploadpack.allowFilter', 'true')
  return { url: `file://${bare}`, bare, cached: hit, v1 }
}

/** A Debian-only upstream release (same upstream version): a changelog entry on debian/latest, tagged. */
export async function debianRevision(upstreamBare: string, version: string, tag: string): Promise<void> {
  const work = join(await tempDir('pc-bench-rev-'), 'work')
  await run('git', ['clone', '--quiet', '--branch', 'debian/latest', upstreamBare, work])
  const changelog = join(work, 'debian', 'changelog')
  const entry = debian.changelogEntry(source, version, `Release ${version}.`)
  await writeFile(changelog, entry + (await readFile(changelog, 'utf8')))
  await git(work, 'commit', '--quiet', '-am', `Release ${version}`)
  await git(work, 'tag', tag)
  await git(work, 'push', '--quiet', upstreamBare, 'debian/latest', `refs/tags/${tag}`)
}

export async function startObs() {
  const obs = await startObsServer()
  await obs.createProject(project)
  const proxy = await startObsProxy(obs.apiUrl)
  const client = createObsClient({ apiUrl: obs.apiUrl, auth: { user: 'bench', password: 'bench' } })
  const seed = (pkg: string, paths: readonly string[]) => {
    const files = paths.map((path) => ({ name: basename(path), path }))
    return client.publish({ project, package: pkg, create: true, message: 'previous release', files })
  }
  /** The package's state read straight from the server (not through the proxy); none yet: revision '–'. */
  const read = (pkg: string): Promise<PackageState> =>
    client.readPackage({ project, package: pkg }).catch(() => ({ revision: '–', srcmd5: '', files: [] }))
  const stop = async () => (await proxy.close(), await obs.stop())
  return { url: obs.apiUrl, proxy, seed, read, stop }
}
type Obs = Awaited<ReturnType<typeof startObs>>
type Inputs = Record<string, string>

// OBS bytes since the proxy's reset, revisions before and after; minimum: `built` files OBS did not list.
async function obsBytes(obs: Obs, pkg: string, before: PackageState, built: readonly string[]) {
  const had = new Set(before.files.map((file) => `${file.name} ${file.md5}`))
  let minimum = 0
  for (const path of built)
    if (!had.has(`${basename(path)} ${md5(await readFile(path))}`)) minimum += (await stat(path)).size
  const [log, revisionAfter] = [obs.proxy.log(), (await obs.read(pkg)).revision]
  const [sent, revisionBefore] = [uploads(log), before.revision]
  const uploaded = sent.reduce((n, u) => n + u.bytes, 0)
  return { ...traffic(log), uploaded, uploads: sent, revisionBefore, revisionAfter, minimum }
}

// One action run publishing to `pkg` (`tools` timed): its result, OBS bytes, where and how it built.
export async function publishRun(obs: Obs, pkg: string, inputs: Inputs, expect: string, tools?: Tools) {
  const before = await obs.read(pkg)
  obs.proxy.reset()
  await tools?.reset()
  const env: Record<string, string> = tools ? { PATH: `${tools.dir}:${process.env.PATH ?? ''}` } : {}
  const all = { 'output-dir': await tempDir('pc-bench-out-'), ...inputs }
  const result = await measure.runAction(all, { env, expectResult: expect })
  const text = `${result.log}\n${result.summary}`
  return {
    result,
    obs: await obsBytes(obs, pkg, before, built(result.outputs)),
    scratch: /^Build scratch in memory/m.test(text) ? 'memory' : 'disk',
    wholeTree: /dpkg-source compared the whole tree with the orig tarball: (.*)$/m.exec(text)?.[1],
  }
}
/** The files a run built (its `files` output). */
export const built = (outputs: Record<string, string>) => JSON.parse(outputs.files ?? '[]') as string[]

type Step = (name: string, work: () => Promise<unknown>) => Promise<void>
type Publish = (built: readonly string[], message: string, addremove: boolean) => ReturnType<typeof obsBytes>
type Procedure = (dir: string, step: Step, publish: Publish) => ReturnType<Publish>

// A manual procedure, steps timed, publishing with osc (set up off the clock): checkout, copy, add, commit.
export async function manualProcedure(obs: Obs, pkg: string, procedure: Procedure) {
  const [dir, before] = [await tempDir('pc-bench-manual-'), await obs.read(pkg)]
  const at = (path: string) => join(dir, path)
  const [home, oscrc, checkout, wc] = [at('home'), at('oscrc'), at('osc'), at(`osc/${project}/${pkg}`)]
  for (const made of [home, checkout]) await mkdir(made)
  const config = `[general]\napiurl = ${obs.proxy.url}\ncheck_for_request_on_action = 0\n\n[${obs.proxy.url}]\n`
  await writeFile(oscrc, `${config}user = bench\npass = bench-password\nallow_http = 1\n`, { mode: 0o600 })
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state') }
  const osc = (args: string[], cwd = wc) =>
    measure.timed('/usr/bin/python3', ['/usr/bin/osc', '-c', oscrc, ...args], { cwd, env })
  const steps: Record<string, number> = {}
  const step: Step = async (name, work) => {
    const started = performance.now()
    await work()
    steps[name] = (steps[name] ?? 0) + measure.since(started)
  }
  const publish: Publish = async (built, message, addremove) => {
    const names = built.map((path) => basename(path))
    const old = before.files.map((file) => file.name).filter((name) => !names.includes(name))
    await step('osc checkout', () => osc(['checkout', project, pkg], checkout))
    if (!addremove && old.length > 0) await step('osc rm', () => osc(['rm', ...old]))
    await step('copy files', async () => {
      if (addremove) for (const name of old) await rm(join(wc, name))
      for (const path of built) await copyFile(path, join(wc, basename(path)))
    })
    const add = addremove ? ['addremove'] : ['add', ...names]
    await step(`osc ${add[0]}`, () => osc(add))
    await step('osc commit', () => osc(['commit', '-m', message]))
    return obsBytes(obs, pkg, before, built)
  }
  obs.proxy.reset()
  const started = performance.now()
  const bytes = await procedure(dir, step, publish)
  const seconds = measure.since(started)
  await rm(dir, { recursive: true, force: true })
  return { seconds, steps, obs: bytes }
}

export const obsInputs = (url: string, pkg: string) => ({
  ...{ 'obs-url': url, 'obs-project': project, 'obs-package': pkg, 'obs-create': 'true' },
  ...{ 'obs-user': 'bench', 'obs-password': 'bench-password', cache: 'false' }, // cold runs, as on a fresh runner
})

export type Setup = Awaited<ReturnType<typeof setup>>

/** The package, a fork on the previous release carrying one quilt patch, OBS holding that release's build. */
export async function setup(cacheDir: string) {
  const upstream = await cachedUpstream(cacheDir)
  const fork = await debian.makeFork(upstream.url, oldTag)
  await debian.addDownstreamPatch(fork, forkPatch.name, idlePatch(), forkPatch.subject)
  const obs = await startObs()
  const inputs = (obsUrl: string, pkg: string): Record<string, string> => ({
    ...{ 'remote-url': fork.url, 'upstream-url': upstream.url, 'upstream-tags': 'debian/*' },
    ...{ 'version-suffix': '+chatmail{n}', ...obsInputs(obsUrl, pkg) },
  })
  // what OBS holds before the update: the action builds the fork branch as it is (on the old tag) once
  const outputDir = await tempDir('pc-bench-prev-')
  const build = { ...inputs(obs.url, 'dovecot-previous'), mode: 'build', 'output-dir': outputDir }
  const previousFiles = built((await measure.runAction(build, { expectResult: 'published' })).outputs)
  const orig = previousFiles.find((file) => file.includes('.orig.'))!
  const shape = { ...sourceShape(upstream.v1), origName: basename(orig), origBytes: (await stat(orig)).size }
  const tools = await measure.toolWrappers(['pristine-tar', 'dpkg-source'])
  return { upstream, fork, obs, inputs, previousFiles, forkBefore: await refsOf(fork.bare), tools, shape }
}

export const actionRun = (s: Setup, pkg: string, extra: Record<string, string>, expectResult: string) =>
  publishRun(s.obs, pkg, { ...s.inputs(s.obs.proxy.url, pkg), ...extra }, expectResult, s.tools)

const manualRun = (s: Setup, pkg: string) =>
  manualProcedure(s.obs, pkg, async (dir, step, publish) => {
    const work = join(dir, source)
    const git = (...args: string[]) => measure.timed('git', args, { env: fixtureEnv })
    await step('git clone', () => git('clone', '--quiet', s.fork.url, work))
    const refspecs = ['+refs/tags/*:refs/tags/*', '+refs/heads/pristine-tar:refs/heads/pristine-tar']
    await step('git fetch upstream', () => git('-C', work, 'fetch', '--quiet', s.upstream.url, ...refspecs))
    // the downstream commits onto the new tag, and a changelog entry (what `dch` writes)
    const onto = ['--onto', `refs/tags/${newTag}`, `refs/tags/${oldTag}`, 'main']
    await step('git rebase', () => git('-C', work, 'rebase', '--quiet', ...onto))
    await step('changelog + commit', async () => {
      const changelog = join(work, 'debian', 'changelog')
      const entry = debian.changelogEntry(source, newVersion, 'Rebase onto 1:2.3.22-1.')
      await writeFile(changelog, entry + (await readFile(changelog, 'utf8')))
      await git('-C', work, 'commit', '--quiet', '-am', `Release ${newVersion}`)
    })
    const stem = `${source}_${newVersion.replace(/^\d+:/, '')}`
    const names = [`${source}_2.3.22.orig.tar.gz`, `${stem}.dsc`, `${stem}.debian.tar.xz`]
    const [files, tar] = [names.map((name) => join(dir, name)), { cwd: work, env: fixtureEnv }]
    await step('pristine-tar checkout', () => measure.timed('pristine-tar', ['checkout', files[0]!], tar))
    await step('dpkg-source -b', () => measure.timed('dpkg-source', ['-b', source], { cwd: dir }))
    const obs = await publish(files, `${newVersion}: rebased onto ${newTag}`, false)
    await step('git push', () => git('-C', work, 'push', '--quiet', '--force', s.fork.url, 'HEAD:main'))
    return obs
  })

export async function measureUpdate({ reps, cacheDir, progress }: measure.BenchOptions) {
  const started = performance.now()
  const s = await setup(cacheDir)
  const setupSeconds = measure.since(started)
  try {
    let forkAfterUpdate = s.forkBefore
    // alternated, each from the same start: the fork before the update, OBS at the previous release
    const pairs = await measure.repeat(reps, async (rep) => {
      await resetRefs(s.fork.bare, s.forkBefore)
      await s.obs.seed(`dovecot-a${rep}`, s.previousFiles)
      const { result, ...run } = await actionRun(s, `dovecot-a${rep}`, {}, 'published')
      const [tar, dsc] = [await s.tools.total('pristine-tar'), await s.tools.total('dpkg-source', '-b')]
      const programSeconds = { 'pristine-tar': tar, 'dpkg-source -b': dsc }
      forkAfterUpdate = await refsOf(s.fork.bare)
      await resetRefs(s.fork.bare, s.forkBefore)
      await s.obs.seed(`dovecot-m${rep}`, s.previousFiles)
      const manual = await manualRun(s, `dovecot-m${rep}`)
      const times = measure.list([result.seconds, manual.seconds])
      progress(`update ${rep + 1}/${reps}: action, manual ${times} s`)
      return { action: { seconds: result.seconds, stages: result.stages, programSeconds, ...run }, manual }
    })
    // re-runs, against the package the last timed action run published
    const rerun = async (name: string, extra: Record<string, string>, expect: string) => {
      const { result, obs } = await actionRun(s, `dovecot-a${reps - 1}`, extra, expect)
      return { name, result: result.outputs.result ?? '', seconds: result.seconds, obs }
    }
    await resetRefs(s.fork.bare, forkAfterUpdate)
    const reruns = [
      await rerun('scheduled re-run (nothing new upstream)', {}, 'up-to-date'),
      await rerun('build re-run (`mode: build` of the same branch head)', { mode: 'build' }, 'published'),
    ]
    await resetRefs(s.fork.bare, s.forkBefore)
    reruns.push(await rerun('update re-run (the same update again, OBS already updated)', {}, 'published'))
    // a Debian-revision update: same upstream version, so the orig tarball must not be sent again
    await debianRevision(s.upstream.bare, '1:2.3.22-2', 'debian/1%2.3.22-2')
    const revision = 'Debian revision update (`debian/1%2.3.22-2`, same orig tarball)'
    reruns.push(await rerun(revision, {}, 'published'))
    const [action, manual] = [pairs.map((p) => p.action), pairs.map((p) => p.manual)]
    return { shape: s.shape, upstreamCached: s.upstream.cached, setupSeconds, action, manual, reruns }
  } finally {
    await s.obs.stop()
  }
}
