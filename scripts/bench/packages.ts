// Item 5: many packages. `mode: check` with a config file over 1, 10 and 50 packages, each its own small
// upstream + fork pair served by the counting HTTP server; every third package has an update available.
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { CHECK_CONCURRENCY } from '../../src/config/check-many.js'
import { mapBounded } from '../../src/config/limit.js'
import { makeFork } from '../../test/support/debian-fixtures.js'
import { makePlainUpstream } from '../../test/support/plain-fixtures.js'
import { tempDir } from '../../test/support/tmp.js'
import { runAction } from './action.js'
import { startCountingGitServer } from './git-http.js'

export interface PackagesPoint {
  packages: number
  /** Packages with an update available (what the matrix must list). */
  updates: number
  /** Wall seconds per repetition. */
  seconds: number[]
  /** Bytes the git clients received, per repetition. */
  received: number[]
  requests: number
  /** Median of the packages' Discover stage (one look-up: two ls-remote and the shallow probe), per rep. */
  lookup: number[]
  /** The matrix listed exactly the packages with an update, in every repetition. */
  matrixOk: boolean
}

export interface PackagesBench {
  /** Look-ups the action runs at once (CHECK_CONCURRENCY). */
  concurrency: number
  /** Cores of the machine the look-ups and the git server share. */
  cores: number
  generateSeconds: number
  points: PackagesPoint[]
}

const name = (i: number) => `pkg${String(i).padStart(2, '0')}`
const hasUpdate = (i: number) => i % 3 === 0
const source = (i: number, release: string) => ({
  README: `Package ${i}, release ${release}\n`,
  'src/main.c': `int main(void) { return ${i}; }\n`,
  [`src/release-${release}.txt`]: `${release}\n`.repeat(50),
})

/** One package: upstream with tags v1.0 and v1.1 (+ v1.2 when an update is due), a fork on v1.1. */
async function makePackage(root: string, i: number): Promise<void> {
  const upstream = await makePlainUpstream()
  await upstream.release(['v1.0'], source(i, '1.0'))
  await upstream.release(['v1.1'], source(i, '1.1'))
  const fork = await makeFork(upstream.url, 'v1.1')
  await fork.commit('Downstream change', { 'downstream.txt': `carried by package ${i}\n` })
  if (hasUpdate(i)) await upstream.release(['v1.2'], source(i, '1.2'))
  await rename(upstream.bare, join(root, `${name(i)}-upstream.git`))
  await rename(fork.bare, join(root, `${name(i)}-fork.git`))
}

/** A checkout holding a config file of the first `count` packages, as actions/checkout leaves it. */
async function workspaceWith(url: string, count: number): Promise<string> {
  const workspace = await tempDir('pc-bench-workspace-')
  await mkdir(join(workspace, '.github'))
  const entries = Array.from(
    { length: count },
    (_, i) =>
      `  ${name(i)}:\n    remote-url: ${url}/${name(i)}-fork.git\n    upstream-url: ${url}/${name(i)}-upstream.git\n`,
  )
  await writeFile(
    join(workspace, '.github', 'patch-carrier.yml'),
    `defaults:\n  upstream-tags: v*\npackages:\n${entries.join('')}`,
  )
  return workspace
}

export async function measurePackages(options: {
  counts: number[]
  reps: number
  progress: (line: string) => void
}): Promise<PackagesBench> {
  const { counts, reps, progress } = options
  const root = await tempDir('pc-bench-packages-')
  const started = performance.now()
  await mapBounded(
    Array.from({ length: Math.max(...counts) }, (_, i) => i),
    4,
    (i) => makePackage(root, i),
  )
  const generateSeconds = (performance.now() - started) / 1000
  progress(`${Math.max(...counts)} package pairs generated in ${generateSeconds.toFixed(1)} s`)
  const server = await startCountingGitServer(root)
  try {
    const workspaces = await Promise.all(counts.map((count) => workspaceWith(server.url, count)))
    const check = async (index: number) => {
      server.reset()
      const result = await runAction(
        { mode: 'check', config: '.github/patch-carrier.yml', cache: 'false' },
        { env: { GITHUB_WORKSPACE: workspaces[index]! }, expectResult: 'update-available' },
      )
      const listed = (JSON.parse(result.outputs.matrix ?? '{}') as { include?: { package: string }[] })
        .include
      const wanted = Array.from({ length: counts[index]! }, (_, i) => i)
        .filter(hasUpdate)
        .map(name)
      const lookups = [...result.log.matchAll(/^\[\S+\] Discover: (\d+\.\d+) s$/gm)].map((m) => Number(m[1]))
      lookups.sort((a, b) => a - b)
      return {
        result,
        traffic: server.traffic(),
        matrixOk: JSON.stringify(listed?.map((p) => p.package)) === JSON.stringify(wanted),
        lookup: lookups[Math.floor(lookups.length / 2)] ?? Number.NaN,
      }
    }
    const points: PackagesPoint[] = counts.map((packages) => ({
      packages,
      updates: Array.from({ length: packages }, (_, i) => i).filter(hasUpdate).length,
      seconds: [],
      received: [],
      requests: 0,
      lookup: [],
      matrixOk: true,
    }))
    await check(counts.length - 1) // warm-up: every repository read once
    for (let rep = 0; rep < reps; rep++) {
      // interleaved, the order turned each repetition so no count always runs first
      for (let k = 0; k < counts.length; k++) {
        const index = (k + rep) % counts.length
        const measured = await check(index)
        const point = points[index]!
        point.seconds.push(measured.result.seconds)
        point.received.push(measured.traffic.received)
        point.requests = measured.traffic.requests
        point.lookup.push(measured.lookup)
        point.matrixOk &&= measured.matrixOk
      }
      progress(
        `packages ${rep + 1}/${reps}: ${points.map((p) => `${p.packages}: ${p.seconds.at(-1)!.toFixed(2)} s`).join(', ')}`,
      )
    }
    return { concurrency: CHECK_CONCURRENCY, cores: cpus().length, generateSeconds, points }
  } finally {
    await server.close()
  }
}
