// Item 4: the cache effect on item 2's package, fork and upstream each on a counting HTTP server: the action
// cold (no cache) or with a fresh copy of a `cache-dir` an earlier run filled, alternating, from the same
// fork state and OBS package: (a) an update to a new upstream tag, the cache filled by a `mode: build` run of
// the previous release; (b) a Debian revision of that version, the cache as a cached run of (a) left it.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { run } from '../../src/process/run.js'
import { git, ownObjects } from '../../test/support/git.js'
import { tempDir } from '../../test/support/tmp.js'
import { list, type BenchOptions } from './measure.js'
import { packs, startCountingGitServer, type Counting } from './servers.js'
import { actionRun, built, debianRevision, refsOf, resetRefs, setup, type Setup } from './update.js'

const newTag = 'debian/1%2.3.22-1'

/** Upstream's refs as they were before release 1:2.3.22-1 (its two tags gone, the branches one back). */
async function previousUpstream(bare: string): Promise<Map<string, string>> {
  const rev = (ref: string) => git(bare, 'rev-parse', ref)
  const refs = await refsOf(bare)
  refs.delete(`refs/tags/${newTag}`)
  refs.delete('refs/tags/upstream/2.3.22')
  refs.set('refs/heads/debian/latest', await rev('refs/tags/debian/1%2.3.21-1^{commit}'))
  refs.set('refs/heads/upstream', await rev('refs/tags/upstream/2.3.21^{commit}'))
  refs.set('refs/heads/pristine-tar', await rev('refs/heads/pristine-tar^'))
  return refs
}

/** Commit, version and sha256 of every built file: equal cold and cached, or the cache changed the result. */
async function outcome(outputs: Record<string, string>): Promise<string> {
  const files = built(outputs)
  const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex')
  const sums = await Promise.all(files.map(async (path) => `${basename(path)}:${sha(await readFile(path))}`))
  return [outputs.commit, outputs.version, ...sums.sort()].join(' ')
}

const copyDir = async (from: string): Promise<string> => {
  const to = join(await tempDir('pc-bench-cache-'), 'cache')
  await run('cp', ['-a', from, to])
  return to
}

type Inputs = Record<string, string>
type Served = { s: Setup; upstream: Counting; fork: Counting; urls: Inputs }

async function measured({ s, upstream, fork, urls }: Served, pkg: string, cacheDir: string | undefined) {
  const workDir = await tempDir('pc-bench-work-')
  const cache: Inputs = cacheDir ? { cache: 'true', 'cache-dir': cacheDir } : { cache: 'false' }
  upstream.reset()
  fork.reset()
  const { result } = await actionRun(s, pkg, { ...urls, 'work-dir': workDir, ...cache }, 'published')
  // objects and bytes the work repository holds itself (borrowed through the cache's alternates: not counted)
  const own = await ownObjects(workDir)
  return {
    ...{ seconds: result.seconds, stageSeconds: result.stages },
    pristineTarSeconds: await s.tools.total('pristine-tar', 'checkout'),
    origCached: result.summary.includes('(cached by an earlier run)'), // the summary as a person reads it
    ...{ upstreamBytes: upstream.traffic().received, forkBytes: fork.traffic().received },
    packBytes: packs([...upstream.log(), ...fork.log()]),
    ...{ ownObjects: own.objects, ownBytes: 1024 * own.kib },
    outcome: await outcome(result.outputs),
  }
}
type CacheRun = Awaited<ReturnType<typeof measured>>

export async function measureCache({ reps, cacheDir, progress }: BenchOptions) {
  const s = await setup(cacheDir)
  const upstream = await startCountingGitServer(dirname(s.upstream.bare))
  const fork = await startCountingGitServer(dirname(s.fork.bare))
  const urls = {
    'upstream-url': `${upstream.url}/${basename(s.upstream.bare)}`,
    'remote-url': `${fork.url}/${basename(s.fork.bare)}`,
  }
  try {
    // the cache as the previous release's run left it: upstream had only 1:2.3.21-1 then
    const upstreamNow = await refsOf(s.upstream.bare)
    await resetRefs(s.upstream.bare, await previousUpstream(s.upstream.bare))
    const filled = join(await tempDir('pc-bench-cache-'), 'cache')
    await s.obs.seed('cache-fill', s.previousFiles)
    const fillExtra = { ...urls, mode: 'build', cache: 'true', 'cache-dir': filled }
    const fill = await actionRun(s, 'cache-fill', fillExtra, 'published')
    await resetRefs(s.upstream.bare, upstreamNow)
    const cacheBytes = Number((await run('du', ['-sb', filled])).stdout.split('\t')[0])
    const cases: { name: string; cold: CacheRun[]; cached: CacheRun[] }[] = []
    let afterUpdate: string | undefined // the cache as a cached update run left it, for (b)
    const forkBefore = await refsOf(s.fork.bare)
    let forkAfter = forkBefore
    for (const name of ['new upstream tag', 'Debian revision']) {
      const revision = name === 'Debian revision'
      const c = { name, cold: [] as CacheRun[], cached: [] as CacheRun[] }
      if (revision) await debianRevision(s.upstream.bare, '1:2.3.22-2', 'debian/1%2.3.22-2')
      for (let rep = 0; rep < reps; rep++) {
        // cold and cached alternate, the first of a pair alternating too
        for (const cold of rep % 2 === 0 ? [true, false] : [false, true]) {
          const pkg = `cache-${cold ? 'cold' : 'warm'}-${rep}`
          await resetRefs(s.fork.bare, revision ? forkAfter : forkBefore) // revision: OBS holds 1:2.3.22-1
          if (!revision) await s.obs.seed(pkg, s.previousFiles)
          const dir = cold ? undefined : await copyDir(revision ? afterUpdate! : filled)
          ;(cold ? c.cold : c.cached).push(await measured({ s, upstream, fork, urls }, pkg, dir))
          if (!revision) {
            afterUpdate ??= dir
            forkAfter = await refsOf(s.fork.bare)
          }
        }
        const times = list([c.cold.at(-1)!.seconds, c.cached.at(-1)!.seconds])
        progress(`cache, ${name} ${rep + 1}/${reps}: cold, cached ${times} s`)
      }
      cases.push(c)
    }
    return { shape: s.shape, fill: { fillSeconds: fill.result.seconds, cacheBytes }, cases }
  } finally {
    await upstream.close()
    await fork.close()
    await s.obs.stop()
  }
}
