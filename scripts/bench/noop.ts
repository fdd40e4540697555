// Item 1: a no-op scheduled run (upstream has nothing new) against "clone the fork and fetch the upstream
// tags" (what fork-sync actions do), on generated histories of growing length: wall time over file:// and
// smart HTTP, bytes over HTTP (ref listings and packs apart). On the longest history also: a fork carrying
// more downstream commits than the probe reads, 1,000 upstream tags that `upstream-tags` does not match, and
// (issue 16) a cold update to the newest tag against the full clone, alternating with it.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { fixtureEnv } from '../../test/support/git.js'
import { tempDir } from '../../test/support/tmp.js'
import { cachedHistory, serveConfig, type History } from './generate.js'
import { median, repeat, runAction, timed, type BenchOptions } from './measure.js'
import { startCountingGitServer, type Counting } from './servers.js'

const shape = { seed: 20260101, tagEvery: 500 }
const env = fixtureEnv

/** `<root>/upstream.git` (hard-linked clone of the history) and `<root>/fork.git`, `downstream` commits on. */
async function serve(history: History, downstream = 3): Promise<string> {
  const root = await tempDir('pc-bench-noop-')
  for (const name of ['upstream.git', 'fork.git']) {
    await run('git', ['clone', '--quiet', '--bare', history.bare, join(root, name)])
    await serveConfig(join(root, name))
  }
  await downstreamCommits(join(root, 'fork.git'), history.branch, downstream)
  return root
}

async function downstreamCommits(fork: string, branch: string, count: number): Promise<void> {
  let stream = ''
  for (let i = 1; i <= count; i++) {
    const [text, message] = [`Downstream change ${i}\n`.repeat(40), `Downstream change ${i}\n`]
    stream += `commit refs/heads/${branch}\ncommitter Fork <fork@example.org> ${2_000_000_000 + i} +0000\n`
    stream += `data ${message.length}\n${message}\n${i === 1 ? `from refs/heads/${branch}^0\n` : ''}`
    stream += `M 100644 inline downstream/change-${i}.txt\ndata ${text.length}\n${text}\n`
  }
  if (count > 0) await run('git', ['-C', fork, 'fast-import', '--quiet'], { input: `${stream}done\n` })
}

/** The baseline: a full clone of the fork, then the upstream tags fetched into it. */
async function baseline(url: string): Promise<number> {
  const dir = await tempDir('pc-bench-clone-')
  const clone = await timed('git', ['clone', '--quiet', `${url}/fork.git`, join(dir, 'fork')], { env })
  const args = ['-C', join(dir, 'fork'), 'fetch', '--quiet', '--tags', `${url}/upstream.git`]
  const fetch = await timed('git', args, { env })
  await rm(dir, { recursive: true, force: true })
  return clone.seconds + fetch.seconds
}

/** The action in sync mode on `${url}/fork.git` and `${url}/upstream.git`, cold (as on a fresh runner). */
const sync = (url: string, expectResult = 'up-to-date', extra: Record<string, string> = {}) => {
  const pair = { 'remote-url': `${url}/fork.git`, 'upstream-url': `${url}/upstream.git` }
  return runAction(
    { ...pair, 'upstream-tags': 'v*', branch: 'main', cache: 'false', ...extra },
    { expectResult },
  )
}

async function overHttp<T>(root: string, work: (server: Counting) => Promise<T>): Promise<T> {
  const server = await startCountingGitServer(root)
  try {
    return await work(server)
  } finally {
    await server.close()
    await rm(root, { recursive: true, force: true })
  }
}

async function point(commits: number, { reps, cacheDir, fresh, progress }: BenchOptions) {
  const history = await cachedHistory(cacheDir, { commits, ...shape }, fresh)
  const made = history.cached ? 'cached' : `generated in ${history.seconds.toFixed(1)} s`
  progress(`${commits} commits: ${made}`)
  const root = await serve(history)
  const file = { baseline: [] as number[], noop: [] as number[], noopDiscover: [] as number[] }
  await sync(`file://${root}`) // warms the page cache, so the first repetition is not the only one reading disk
  // interleaved, so a burst of load from elsewhere hits both sides alike
  for (let rep = 0; rep < reps; rep++) {
    file.baseline.push(await baseline(`file://${root}`))
    for (let i = 0; i < 2; i++) {
      const result = await sync(`file://${root}`)
      file.noop.push(result.seconds)
      file.noopDiscover.push(result.stages.Discover ?? Number.NaN)
    }
  }
  const http = await overHttp(root, async (server) => {
    // bytes do not vary between repetitions: one baseline over HTTP, several (cheap) no-ops
    const [baselineSeconds, baselineTraffic] = [await baseline(server.url), server.traffic()]
    const noop = await repeat(
      Math.max(3, reps),
      async () => (server.reset(), (await sync(server.url)).seconds),
    )
    return { baseline: [baselineSeconds], baselineTraffic, noop, noopRequests: server.log() }
  })
  progress(
    `${commits} commits: baseline ${median(file.baseline).toFixed(2)} s, no-op ${median(file.noop).toFixed(2)} s`,
  )
  return { commits, history, file, http }
}

/** The no-op run over HTTP once, on a fork with `downstream` commits, after `prepare` changed the pair. */
async function variant(history: History, downstream: number, prepare: (root: string) => Promise<void>) {
  const root = await serve(history, downstream)
  await prepare(root)
  return overHttp(root, async (server) => {
    const result = await sync(server.url)
    return { result: result.outputs.result, seconds: result.seconds, requests: server.log() }
  })
}

/**
 * The update path, cold: the fork is on the second-newest release tag (it has exactly that tag's history:
 * the newest tag's objects are repacked away) with 3 downstream commits; upstream's newest tag is `tagEvery`
 * commits later. The action (no packaging, no OBS) rebases and pushes over HTTP, alternating with the full
 * clone of the baseline; the fork's refs are put back before each action run.
 */
async function coldUpdate(history: History, { reps, progress }: BenchOptions) {
  const root = await serve(history, 0)
  const [newTag, oldTag] = [history.tags.at(-1)!, history.tags.at(-2)!]
  const git = (...args: string[]) => run('git', ['-C', join(root, 'fork.git'), ...args], { env })
  await git('tag', '-d', newTag)
  await git('update-ref', `refs/heads/${history.branch}`, `refs/tags/${oldTag}^{commit}`)
  await git('repack', '-a', '-d', '-q')
  await git('prune', '--expire=now')
  await downstreamCommits(join(root, 'fork.git'), history.branch, 3)
  const start = (await git('rev-parse', `refs/heads/${history.branch}`)).stdout.trim()
  const between = ['-C', join(root, 'upstream.git'), 'rev-list', '--count', `${oldTag}..${newTag}`]
  const commitsBetween = Number((await run('git', between)).stdout)
  return overHttp(root, async (server) => {
    const measured = await repeat(reps, async () => {
      server.reset()
      const clone = await baseline(server.url)
      const baselineRequests = server.log()
      // the fork as it was before the update: branch back, the run's archive tag gone
      await git('update-ref', `refs/heads/${history.branch}`, start)
      const made = (await git('for-each-ref', '--format=%(refname)', 'refs/tags/patch-carrier/')).stdout
      for (const ref of made.split('\n').filter(Boolean)) await git('update-ref', '-d', ref)
      server.reset()
      const result = await sync(server.url, 'updated', { packaging: 'none' })
      const log = result.log.split('\n').filter((line) => /^Fetched |fetching|history/.test(line))
      const { seconds, stages } = result
      progress(`cold update: ${seconds.toFixed(2)} s; full clone ${clone.toFixed(2)} s`)
      return { seconds, clone, stages, requests: server.log(), baselineRequests, log }
    })
    const { stages, requests, baselineRequests, log } = measured.at(-1)!
    const [runs, clones] = [measured.map((r) => r.seconds), measured.map((r) => r.clone)]
    return {
      ...{ commits: history.commits, commitsBetween, oldTag, newTag, runs, baseline: clones },
      ...{ stages, requests, baselineRequests, log },
    }
  })
}

export async function measureNoop(options: BenchOptions & { sizes: number[] }) {
  const noop = await repeat(options.sizes.length, (i) => point(options.sizes[i]!, options))
  const history = await cachedHistory(options.cacheDir, { commits: Math.max(...options.sizes), ...shape })
  const deepFork = { downstream: 100, ...(await variant(history, 100, async () => undefined)) }
  const count = 1000
  const foreignTags = {
    count,
    ...(await variant(history, 3, async (root) => {
      for (const name of ['upstream.git', 'fork.git']) {
        const repo = join(root, name)
        const head = (await run('git', ['-C', repo, 'rev-parse', history.branch])).stdout.trim()
        const stdin = Array.from({ length: count }, (_, i) => `create refs/tags/nightly/${i} ${head}\n`)
        await run('git', ['-C', repo, 'update-ref', '--stdin'], { input: stdin.join('') })
      }
    })),
  }
  const longUpdate = await coldUpdate(history, options)
  return { noop, deepFork, foreignTags, longUpdate }
}
