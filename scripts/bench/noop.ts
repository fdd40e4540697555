// Item 1: a no-op scheduled run (nothing new upstream) against "clone the fork and fetch the upstream tags"
// (what fork-sync actions do) on generated histories of growing length: wall time over file:// and HTTP,
// bytes over HTTP. On the longest history also: a fork with more downstream commits than the probe reads,
// 1,000 upstream tags `upstream-tags` does not match, and (issue 16) a cold update against the full clone.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { fixtureEnv as env, git } from '../../test/support/git.js'
import { tempDir } from '../../test/support/tmp.js'
import { cachedHistory, serveConfig, type History } from './generate.js'
import { list, median, repeat, runAction, timed, type BenchOptions } from './measure.js'
import { startCountingGitServer, type Counting } from './servers.js'

const shape = { seed: 20260101, tagEvery: 500 }

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
  const inputs = { ...pair, 'upstream-tags': 'v*', branch: 'main', cache: 'false', ...extra }
  return runAction(inputs, { expectResult })
}

/** The no-op run over HTTP, at least 3 times (it is cheap), each run's requests counted afresh. */
const noopRuns = (server: Counting, reps: number) =>
  repeat(Math.max(3, reps), async () => (server.reset(), await sync(server.url)))

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
  progress(`${commits} commits: ${history.cached ? 'cached' : `made in ${history.seconds.toFixed(1)} s`}`)
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
    const noop = (await noopRuns(server, reps)).map((r) => r.seconds)
    return { baseline: [baselineSeconds], baselineTraffic, noop, noopRequests: server.log() }
  })
  progress(`${commits} commits: baseline, no-op ${list([median(file.baseline), median(file.noop)])} s`)
  return { commits, history, file, http }
}

// The update path, cold: the fork holds exactly the second-newest tag's history plus 3 downstream commits;
// the action (no packaging, no OBS) rebases onto the newest tag and pushes over HTTP, alternating with the
// baseline's full clone; the fork's refs are put back before each action run.
async function coldUpdate(history: History, { reps, progress }: BenchOptions) {
  const root = await serve(history, 0)
  const [fork, branch] = [join(root, 'fork.git'), `refs/heads/${history.branch}`]
  const [newTag, oldTag] = [history.tags.at(-1)!, history.tags.at(-2)!]
  await git(fork, 'tag', '-d', newTag)
  await git(fork, 'update-ref', branch, `refs/tags/${oldTag}^{commit}`)
  await git(fork, 'repack', '-a', '-d', '-q')
  await git(fork, 'prune', '--expire=now')
  await downstreamCommits(fork, history.branch, 3)
  const start = await git(fork, 'rev-parse', branch)
  const between = await git(join(root, 'upstream.git'), 'rev-list', '--count', `${oldTag}..${newTag}`)
  return overHttp(root, async (server) => {
    const measured = await repeat(reps, async () => {
      server.reset()
      const clone = await baseline(server.url)
      const baselineRequests = server.log()
      // the fork as it was before the update: branch back, the run's archive tag gone
      await git(fork, 'update-ref', branch, start)
      const made = await git(fork, 'for-each-ref', '--format=%(refname)', 'refs/tags/patch-carrier/')
      for (const ref of made.split('\n').filter(Boolean)) await git(fork, 'update-ref', '-d', ref)
      server.reset()
      const { seconds, stages, log } = await sync(server.url, 'updated', { packaging: 'none' })
      progress(`cold update: ${seconds.toFixed(2)} s; full clone ${clone.toFixed(2)} s`)
      const fetched = log.split('\n').filter((line) => /^Fetched |fetching|history/.test(line))
      return { seconds, clone, stages, requests: server.log(), baselineRequests, log: fetched }
    })
    const { stages, requests, baselineRequests, log } = measured.at(-1)!
    const [runs, clones] = [measured.map((r) => r.seconds), measured.map((r) => r.clone)]
    return {
      ...{ commits: history.commits, commitsBetween: Number(between), oldTag, newTag },
      ...{ runs, baseline: clones, stages, requests, baselineRequests, log },
    }
  })
}

export async function measureNoop(options: BenchOptions & { sizes: number[] }) {
  const noop = await repeat(options.sizes.length, (i) => point(options.sizes[i]!, options))
  const history = await cachedHistory(options.cacheDir, { commits: Math.max(...options.sizes), ...shape })
  /** The no-op run over HTTP, on a fork with `downstream` commits, after `prepare` changed the pair. */
  const variant = async (downstream: number, prepare?: (root: string) => Promise<void>) => {
    const root = await serve(history, downstream)
    await prepare?.(root)
    return overHttp(root, async (server) => {
      // one run's requests (they do not vary), the median of the runs' seconds
      const runs = await noopRuns(server, options.reps)
      const [result, rawSeconds] = [runs[0]!.outputs.result, runs.map((r) => r.seconds)]
      return { result, seconds: median(rawSeconds), rawSeconds, requests: server.log() }
    })
  }
  const deepFork = { downstream: 100, ...(await variant(100)) }
  const count = 1000
  const nightlyTags = async (root: string) => {
    for (const repo of ['upstream.git', 'fork.git'].map((name) => join(root, name))) {
      const head = await git(repo, 'rev-parse', history.branch)
      const stdin = Array.from({ length: count }, (_, i) => `create refs/tags/nightly/${i} ${head}\n`)
      await run('git', ['-C', repo, 'update-ref', '--stdin'], { input: stdin.join('') })
    }
  }
  const foreignTags = { count, ...(await variant(3, nightlyTags)) }
  return { noop, deepFork, foreignTags, longUpdate: await coldUpdate(history, options) }
}
