// Item 4: the cache effect. The realistic package of item 2 (update.ts), served over the counting HTTP
// server; each run is the action without a cache (cold) or with a `cache-dir` an earlier run filled, for
// (a) an update to a new upstream tag and (b) a Debian revision on the same upstream version.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { run } from '../../src/process/run.js'
import { tempDir } from '../../test/support/tmp.js'
import { startCountingGitServer, type CountingGitServer } from './git-http.js'
import { median } from './measure.js'
import { toolTotal } from './tools.js'
import {
  actionRun,
  debianRevision,
  refsOf,
  resetRefs,
  seedPackage,
  setup as setupPackage,
  type PackageShape,
  type Setup,
} from './update.js'

export interface CacheRun {
  seconds: number
  stages: Record<string, number>
  /** Seconds in `pristine-tar checkout` (the orig tarball), wherever the action runs it. */
  pristineTar: number
  /** The summary said the orig tarballs came from the cache. */
  origCached: boolean
  /** Response bytes from upstream and from the fork, and those of packs (protocol v2 `fetch`). */
  upstreamBytes: number
  forkBytes: number
  packBytes: number
  /** Objects and KiB the work repository holds itself (borrowed objects are not counted). */
  ownObjects: number
  ownKiB: number
  /** Commit, version and sha256 of every built file: equal cold and cached, or the cache changed the result. */
  outcome: string
}

export interface CacheCase {
  name: string
  what: string
  cold: CacheRun[]
  cached: CacheRun[]
}

export interface CacheBench {
  shape: PackageShape
  /** The run that filled the cache: `mode: build` of the fork on the previous release. */
  fill: { seconds: number; cacheBytes: number }
  cases: CacheCase[]
}

const newTag = 'debian/1%2.3.22-1'

/** Upstream's refs as they were before release 1:2.3.22-1 (its two tags gone, the branches one back). */
async function previousUpstream(bare: string): Promise<Map<string, string>> {
  const rev = async (ref: string) => (await run('git', ['-C', bare, 'rev-parse', ref])).stdout.trim()
  const refs = await refsOf(bare)
  refs.delete(`refs/tags/${newTag}`)
  refs.delete('refs/tags/upstream/2.3.22')
  refs.set('refs/heads/debian/latest', await rev('refs/tags/debian/1%2.3.21-1^{commit}'))
  refs.set('refs/heads/upstream', await rev('refs/tags/upstream/2.3.21^{commit}'))
  refs.set('refs/heads/pristine-tar', await rev('refs/heads/pristine-tar^'))
  return refs
}

async function ownObjects(repo: string): Promise<{ objects: number; kib: number }> {
  const out = (await run('git', ['-C', repo, 'count-objects', '-v'])).stdout
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(out)?.[1] ?? NaN)
  return { objects: field('count') + field('in-pack'), kib: field('size') + field('size-pack') }
}

async function outcome(outputs: Record<string, string>): Promise<string> {
  const files = JSON.parse(outputs.files ?? '[]') as string[]
  const sums = await Promise.all(
    files.map(
      async (path) =>
        `${basename(path)}:${createHash('sha256')
          .update(await readFile(path))
          .digest('hex')}`,
    ),
  )
  return [outputs.commit, outputs.version, ...sums.sort()].join(' ')
}

/** The job summary as a person reads it: without the Markdown escapes. */
const unescape = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u2060/g, '')

const copyDir = async (from: string): Promise<string> => {
  const to = join(await tempDir('pc-bench-cache-'), 'cache')
  await run('cp', ['-a', from, to])
  return to
}

interface Served {
  s: Setup
  upstream: CountingGitServer
  fork: CountingGitServer
  /** Inputs pointing the action at the HTTP servers. */
  urls: Record<string, string>
}

/** One measured action run, cold (`cacheDir` undefined) or with a copy of the given cache directory. */
async function measured(x: Served, pkg: string, cacheDir: string | undefined): Promise<CacheRun> {
  const workDir = await tempDir('pc-bench-work-')
  const extra = { ...x.urls, 'work-dir': workDir, cache: String(cacheDir !== undefined) }
  x.upstream.reset()
  x.fork.reset()
  const { result, calls } = await actionRun(
    x.s,
    pkg,
    cacheDir ? { ...extra, 'cache-dir': cacheDir } : extra,
    'published',
  )
  const log = [...x.upstream.log(), ...x.fork.log()]
  const own = await ownObjects(join(workDir, 'repo'))
  return {
    seconds: result.seconds,
    stages: result.stages,
    pristineTar: toolTotal(calls, 'pristine-tar', 'checkout'),
    origCached: unescape(result.summary).includes('(cached by an earlier run)'),
    upstreamBytes: x.upstream.traffic().received,
    forkBytes: x.fork.traffic().received,
    packBytes: log.filter((r) => r.command === 'fetch').reduce((n, r) => n + r.received, 0),
    ownObjects: own.objects,
    ownKiB: own.kib,
    outcome: await outcome(result.outputs),
  }
}

const dirBytes = async (dir: string) => Number((await run('du', ['-sb', dir])).stdout.split('\t')[0])

export async function measureCache(options: {
  reps: number
  cacheDir: string
  progress: (line: string) => void
}): Promise<CacheBench> {
  const { reps, progress } = options
  const s = await setupPackage(options.cacheDir, progress)
  await run('git', ['-C', s.fork.bare, 'config', 'http.receivepack', 'true'])
  const upstream = await startCountingGitServer(dirname(s.upstream.bare))
  const fork = await startCountingGitServer(dirname(s.fork.bare))
  const x: Served = {
    s,
    upstream,
    fork,
    urls: {
      'upstream-url': `${upstream.url}/${basename(s.upstream.bare)}`,
      'remote-url': `${fork.url}/${basename(s.fork.bare)}`,
    },
  }
  try {
    // the cache as the previous release's run left it: upstream had only 1:2.3.21-1 then
    const upstreamNow = await refsOf(s.upstream.bare)
    await resetRefs(s.upstream.bare, await previousUpstream(s.upstream.bare))
    const filled = join(await tempDir('pc-bench-cache-'), 'cache')
    await seedPackage(s, 'cache-fill')
    const fill = await actionRun(
      s,
      'cache-fill',
      { ...x.urls, mode: 'build', cache: 'true', 'cache-dir': filled },
      'published',
    )
    await resetRefs(s.upstream.bare, upstreamNow)
    const bench: CacheBench = {
      shape: s.shape,
      fill: { seconds: fill.result.seconds, cacheBytes: await dirBytes(filled) },
      cases: [],
    }
    progress(
      `cache filled by a build of the previous release: ${(bench.fill.cacheBytes / 1e6).toFixed(1)} MB`,
    )

    // (a) the update to the new upstream tag; cold and cached alternate, each from the same start
    const forkBefore = await refsOf(s.fork.bare)
    const update: CacheCase = {
      name: 'new upstream tag',
      what: `update to \`${newTag}\` (new upstream version); cache filled by the previous release's run`,
      cold: [],
      cached: [],
    }
    let afterUpdate: string | undefined // the cache as a cached update run left it, for (b)
    let forkAfter: Map<string, string> | undefined
    for (let rep = 0; rep < reps; rep++) {
      for (const cold of rep % 2 === 0 ? [true, false] : [false, true]) {
        const pkg = `cache-${cold ? 'cold' : 'warm'}-${rep}`
        await resetRefs(s.fork.bare, forkBefore)
        await seedPackage(s, pkg)
        const dir = cold ? undefined : await copyDir(filled)
        const measuredRun = await measured(x, pkg, dir)
        ;(cold ? update.cold : update.cached).push(measuredRun)
        afterUpdate ??= dir
        forkAfter = await refsOf(s.fork.bare)
      }
      progress(
        `cache (a) ${rep + 1}/${reps}: cold ${update.cold.at(-1)!.seconds.toFixed(2)} s, ` +
          `cached ${update.cached.at(-1)!.seconds.toFixed(2)} s`,
      )
    }
    bench.cases.push(update)

    // (b) a Debian revision: same upstream version, so the cached orig tarball skips pristine-tar
    await debianRevision(s.upstream.bare, '1:2.3.22-2', 'debian/1%2.3.22-2')
    const revision: CacheCase = {
      name: 'Debian revision',
      what: 'update to `debian/1%2.3.22-2` (same upstream version); cache filled by the run of (a)',
      cold: [],
      cached: [],
    }
    for (let rep = 0; rep < reps; rep++) {
      for (const cold of rep % 2 === 0 ? [true, false] : [false, true]) {
        // the package each update of (a) published: OBS holds 1:2.3.22-1
        await resetRefs(s.fork.bare, forkAfter!)
        const dir = cold ? undefined : await copyDir(afterUpdate!)
        const measuredRun = await measured(x, `cache-${cold ? 'cold' : 'warm'}-${rep}`, dir)
        ;(cold ? revision.cold : revision.cached).push(measuredRun)
      }
      progress(
        `cache (b) ${rep + 1}/${reps}: cold ${revision.cold.at(-1)!.seconds.toFixed(2)} s, ` +
          `cached ${revision.cached.at(-1)!.seconds.toFixed(2)} s`,
      )
    }
    bench.cases.push(revision)
    for (const c of bench.cases) {
      progress(
        `cache ${c.name}: median cold ${median(c.cold.map((r) => r.seconds)).toFixed(2)} s, ` +
          `cached ${median(c.cached.map((r) => r.seconds)).toFixed(2)} s; bytes ` +
          `${c.cold[0]!.upstreamBytes + c.cold[0]!.forkBytes} → ${c.cached[0]!.upstreamBytes + c.cached[0]!.forkBytes}`,
      )
    }
    return bench
  } finally {
    await upstream.close()
    await fork.close()
    await s.proxy.close()
    await s.obs.stop()
  }
}
