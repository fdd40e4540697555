// Item 1: a no-op scheduled run (upstream has nothing new) against "clone the fork and fetch the upstream
// tags", on generated histories of growing length; wall time over file:// and HTTP, bytes over HTTP.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { tempDir } from '../../test/support/tmp.js'
import { runAction, type ActionResult } from './action.js'
import { startCountingGitServer, type GitRequest, type Traffic } from './git-http.js'
import { cachedHistory, type History } from './history.js'
import { median, timed } from './measure.js'

export interface NoopPoint {
  commits: number
  history: History & { cached: boolean }
  /** Wall seconds per repetition over file://. */
  file: { baseline: number[]; noop: number[]; noopDiscover: number[] }
  /** Over HTTP: seconds per repetition and the bytes the git client received. */
  http: {
    baseline: number[]
    baselineTraffic: Traffic
    noop: number[]
    noopTraffic: Traffic
    /** The no-op's requests, with the bytes each response carried. */
    noopRequests: RequestInfo[]
  }
}

export interface RequestInfo {
  method: string
  path: string
  service: string
  /** Protocol v2 command: `ls-refs` (a ref listing) or `fetch` (a pack). */
  command: string
  received: number
}

/** A no-op run on a fork whose downstream commits outnumber the 64-commit probe. */
export interface DeepForkPoint {
  commits: number
  downstream: number
  result: string
  seconds: number
  traffic: Traffic
  requests: RequestInfo[]
}

/** The no-op run after upstream got tags that do not match upstream-tags. */
export interface ForeignTagsPoint {
  count: number
  traffic: Traffic
  seconds: number
}

/** A cold update on the long history against a full clone of it, alternating, over HTTP. */
export interface UpdatePoint {
  commits: number
  /** Upstream commits between the fork's tag and the new one. */
  commitsBetween: number
  oldTag: string
  newTag: string
  result: string
  /** Stage seconds of the last run. */
  stages: Record<string, number>
  /** Median wall seconds of the runs. */
  seconds: number
  runs: number[]
  /** What the last run received, request by request. */
  traffic: Traffic
  requests: RequestInfo[]
  /** The Fetch stage's log lines of the last run (what it fetched, any deepening). */
  log: string[]
  /** Wall seconds of each full clone (fork cloned, upstream tags fetched). */
  baseline: number[]
  baselineTraffic: Traffic
}

const env = {
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.org',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.org',
}

/** A served pair: upstream (the generated history) and a fork = upstream + `downstream` commits. */
async function serve(history: History, downstream = 3): Promise<{ root: string }> {
  const root = await tempDir('pc-bench-noop-')
  for (const name of ['upstream.git', 'fork.git']) {
    // a local clone hard-links the packs: instant, and the cached history stays untouched
    await run('git', ['clone', '--quiet', '--bare', history.bare, join(root, name)])
    for (const [key, value] of [
      ['uploadpack.allowFilter', 'true'],
      ['uploadpack.allowAnySHA1InWant', 'true'],
      ['http.receivepack', 'true'],
      ['gc.auto', '0'],
    ] as const)
      await run('git', ['-C', join(root, name), 'config', key, value])
  }
  await downstreamCommits(join(root, 'fork.git'), history.branch, downstream)
  return { root }
}

/** `count` downstream commits on the fork's branch, written with one fast-import stream. */
async function downstreamCommits(fork: string, branch: string, count: number): Promise<void> {
  if (count === 0) return
  let stream = ''
  for (let i = 1; i <= count; i++) {
    const text = `Downstream change ${i}\n`.repeat(40)
    const message = `Downstream change ${i}\n`
    // the first commit starts from the existing branch; the next ones continue it
    stream += `commit refs/heads/${branch}\n`
    stream += `committer Fork <fork@example.org> ${2_000_000_000 + i} +0000\n`
    stream += `data ${message.length}\n${message}\n`
    if (i === 1) stream += `from refs/heads/${branch}^0\n`
    stream += `M 100644 inline downstream/change-${i}.txt\ndata ${text.length}\n${text}\n`
  }
  await run('git', ['-C', fork, 'fast-import', '--quiet'], { input: `${stream}done\n` })
}

/** The generated histories: one seed, an annotated release tag every 500 commits. */
const HISTORY_SHAPE = { seed: 20260101, tagEvery: 500 }

/** What fork-sync actions do: a full clone of the fork, then the upstream tags fetched into it. */
async function baseline(forkUrl: string, upstreamUrl: string): Promise<number> {
  const dir = await tempDir('pc-bench-clone-')
  const work = join(dir, 'fork')
  const clone = await timed('git', ['clone', '--quiet', forkUrl, work], { env })
  const fetch = await timed('git', ['-C', work, 'fetch', '--quiet', '--tags', upstreamUrl], { env })
  await rm(dir, { recursive: true, force: true })
  return clone.seconds + fetch.seconds
}

const noopInputs = (forkUrl: string, upstreamUrl: string): Record<string, string> => ({
  'remote-url': forkUrl,
  'upstream-url': upstreamUrl,
  'upstream-tags': 'v*',
  branch: 'main',
  cache: 'false', // cold runs, as on a fresh runner
})

async function noop(forkUrl: string, upstreamUrl: string): Promise<ActionResult> {
  return runAction(noopInputs(forkUrl, upstreamUrl), { expectResult: 'up-to-date' })
}

const describe = (log: GitRequest[]): RequestInfo[] =>
  log.map((entry) => {
    const url = new URL(entry.url, 'http://x')
    return {
      method: entry.method,
      path: url.pathname,
      service: url.searchParams.get('service') ?? url.pathname.split('/').pop() ?? '',
      command: entry.command,
      received: entry.received,
    }
  })

export async function measureNoop(options: {
  commits: number
  reps: number
  cacheDir: string
  fresh: boolean
  progress: (line: string) => void
}): Promise<NoopPoint> {
  const { commits, reps, progress } = options
  const history = await cachedHistory(options.cacheDir, { commits, ...HISTORY_SHAPE }, options.fresh)
  progress(
    `${commits} commits: ${history.cached ? 'cached' : `generated in ${history.seconds.toFixed(1)} s`}, ` +
      `pack ${(history.packBytes / 1024 / 1024).toFixed(1)} MiB, ${history.files} files, ${history.tags.length} tags`,
  )
  const { root } = await serve(history)
  const fileFork = `file://${join(root, 'fork.git')}`
  const fileUpstream = `file://${join(root, 'upstream.git')}`
  const point: NoopPoint = {
    commits,
    history,
    file: { baseline: [], noop: [], noopDiscover: [] },
    http: {
      baseline: [],
      baselineTraffic: { requests: 0, received: 0, sent: 0 },
      noop: [],
      noopTraffic: { requests: 0, received: 0, sent: 0 },
      noopRequests: [],
    },
  }
  // warm the page cache once, so the first repetition is not the only one reading from disk
  await noop(fileFork, fileUpstream)
  // interleaved, so a burst of load from elsewhere hits both sides alike
  for (let rep = 0; rep < reps; rep++) {
    point.file.baseline.push(await baseline(fileFork, fileUpstream))
    for (let i = 0; i < 2; i++) {
      const result = await noop(fileFork, fileUpstream)
      point.file.noop.push(result.seconds)
      point.file.noopDiscover.push(result.stages.Discover ?? Number.NaN)
    }
  }
  progress(
    `${commits} commits, file://: baseline ${median(point.file.baseline).toFixed(2)} s, ` +
      `no-op ${median(point.file.noop).toFixed(2)} s`,
  )

  const server = await startCountingGitServer(root)
  try {
    const httpFork = `${server.url}/fork.git`
    const httpUpstream = `${server.url}/upstream.git`
    // bytes do not vary between repetitions: one baseline over HTTP, several (cheap) no-ops
    server.reset()
    point.http.baseline.push(await baseline(httpFork, httpUpstream))
    point.http.baselineTraffic = server.traffic()
    for (let rep = 0; rep < Math.max(3, reps); rep++) {
      server.reset()
      const result = await noop(httpFork, httpUpstream)
      point.http.noop.push(result.seconds)
      point.http.noopTraffic = server.traffic()
      point.http.noopRequests = describe(server.log())
    }
  } finally {
    await server.close()
  }
  progress(
    `${commits} commits, HTTP: baseline ${point.http.baselineTraffic.received} B received, ` +
      `no-op ${point.http.noopTraffic.received} B`,
  )
  await rm(root, { recursive: true, force: true })
  return point
}

/**
 * The update path on the same long history, cold (no cache): the fork is on the second-newest release tag
 * (it has exactly that tag's history: the newest tag's objects are repacked away) with 3 downstream
 * commits; upstream's newest tag is `tagEvery` commits later. The action (no packaging, no OBS) rebases and
 * pushes over HTTP. Against it, in the same run and alternating with it, the full clone of item 1 (the
 * fork cloned, upstream's tags fetched into it). The fork's refs are put back before each action run.
 */
export async function measureUpdateOnLongHistory(options: {
  commits: number
  reps: number
  cacheDir: string
  progress: (line: string) => void
}): Promise<UpdatePoint> {
  const history = await cachedHistory(options.cacheDir, { commits: options.commits, ...HISTORY_SHAPE })
  const { root } = await serve(history, 0)
  const fork = join(root, 'fork.git')
  const [newTag, oldTag] = [history.tags.at(-1)!, history.tags.at(-2)!]
  const git = (...args: string[]) => run('git', ['-C', fork, ...args], { env })
  await git('tag', '-d', newTag)
  await git('update-ref', `refs/heads/${history.branch}`, `refs/tags/${oldTag}^{commit}`)
  await git('repack', '-a', '-d', '-q')
  await git('prune', '--expire=now')
  await downstreamCommits(fork, history.branch, 3)
  const start = (await git('rev-parse', `refs/heads/${history.branch}`)).stdout.trim()
  const commitsBetween = Number(
    (await run('git', ['-C', join(root, 'upstream.git'), 'rev-list', '--count', `${oldTag}..${newTag}`]))
      .stdout,
  )
  const server = await startCountingGitServer(root)
  const point: UpdatePoint = {
    commits: options.commits,
    commitsBetween,
    oldTag,
    newTag,
    result: '',
    stages: {},
    seconds: 0,
    runs: [],
    traffic: { requests: 0, received: 0, sent: 0 },
    requests: [],
    log: [],
    baseline: [],
    baselineTraffic: { requests: 0, received: 0, sent: 0 },
  }
  try {
    const forkUrl = `${server.url}/fork.git`
    const upstreamUrl = `${server.url}/upstream.git`
    for (let rep = 0; rep < options.reps; rep++) {
      server.reset()
      point.baseline.push(await baseline(forkUrl, upstreamUrl))
      point.baselineTraffic = server.traffic()
      // the fork as it was before the update: branch back, the run's archive tag gone
      await git('update-ref', `refs/heads/${history.branch}`, start)
      const archive = (await git('for-each-ref', '--format=%(refname)', 'refs/tags/patch-carrier/')).stdout
      for (const ref of archive.split('\n').filter(Boolean)) await git('update-ref', '-d', ref)
      server.reset()
      const result = await runAction(
        { ...noopInputs(forkUrl, upstreamUrl), packaging: 'none' },
        { expectResult: 'updated' },
      )
      point.runs.push(result.seconds)
      Object.assign(point, {
        result: result.outputs.result ?? '',
        stages: result.stages,
        traffic: server.traffic(),
        requests: describe(server.log()),
        log: result.log.split('\n').filter((line) => /^Fetched |fetching|history/.test(line)),
      })
      options.progress(
        `cold update on ${options.commits} commits (${commitsBetween} new upstream commits): ` +
          `${result.seconds.toFixed(2)} s, ${point.traffic.received} B received; full clone ` +
          `${point.baseline.at(-1)!.toFixed(2)} s, ${point.baselineTraffic.received} B`,
      )
    }
    point.seconds = median(point.runs)
    return point
  } finally {
    await server.close()
    await rm(root, { recursive: true, force: true })
  }
}

/**
 * The no-op run over HTTP on the longest history once more, after upstream (and the fork, as a GitHub fork
 * copies them) got `count` tags that do not match upstream-tags: the bytes it receives should not change.
 */
export async function measureNoopForeignTags(options: {
  commits: number
  count: number
  cacheDir: string
  progress: (line: string) => void
}): Promise<ForeignTagsPoint> {
  const history = await cachedHistory(options.cacheDir, { commits: options.commits, ...HISTORY_SHAPE })
  const { root } = await serve(history)
  for (const name of ['upstream.git', 'fork.git']) {
    const head = (await run('git', ['-C', join(root, name), 'rev-parse', history.branch])).stdout.trim()
    const stdin = Array.from({ length: options.count }, (_, i) => `create refs/tags/nightly/${i} ${head}\n`)
    await run('git', ['-C', join(root, name), 'update-ref', '--stdin'], { input: stdin.join('') })
  }
  const server = await startCountingGitServer(root)
  try {
    const result = await noop(`${server.url}/fork.git`, `${server.url}/upstream.git`)
    options.progress(
      `no-op with ${options.count} more tags not matching: ${server.traffic().received} B received`,
    )
    return { count: options.count, traffic: server.traffic(), seconds: result.seconds }
  } finally {
    await server.close()
    await rm(root, { recursive: true, force: true })
  }
}

/** The no-op run once more, over HTTP, on a fork carrying more downstream commits than the probe's depth. */
export async function measureDeepFork(options: {
  commits: number
  downstream: number
  cacheDir: string
  progress: (line: string) => void
}): Promise<DeepForkPoint> {
  const history = await cachedHistory(options.cacheDir, { commits: options.commits, ...HISTORY_SHAPE })
  const { root } = await serve(history, options.downstream)
  const server = await startCountingGitServer(root)
  try {
    const result = await noop(`${server.url}/fork.git`, `${server.url}/upstream.git`)
    options.progress(
      `no-op, fork with ${options.downstream} downstream commits on ${options.commits}: ` +
        `${result.seconds.toFixed(2)} s, ${server.traffic().received} B received`,
    )
    return {
      commits: options.commits,
      downstream: options.downstream,
      result: result.outputs.result ?? '',
      seconds: result.seconds,
      traffic: server.traffic(),
      requests: describe(server.log()),
    }
  } finally {
    await server.close()
    await rm(root, { recursive: true, force: true })
  }
}
