// Item 5: `mode: check` with a config file over 1, 10 and 50 packages, each a small upstream + fork pair (the
// fork on v1.1 with one downstream commit; every third upstream also has v1.2, an update) on the counting
// HTTP server. One warm-up run, then the counts interleaved in a rotating order, each repetition.
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { CHECK_CONCURRENCY } from '../../src/config/check-many.js'
import { mapBounded } from '../../src/config/limit.js'
import { makeFork } from '../../test/support/debian-fixtures.js'
import { makePlainUpstream } from '../../test/support/plain-fixtures.js'
import { tempDir } from '../../test/support/tmp.js'
import { list, median, runAction, since, type BenchOptions } from './measure.js'
import { startCountingGitServer } from './servers.js'

const name = (i: number) => `pkg${String(i).padStart(2, '0')}`
const hasUpdate = (i: number) => i % 3 === 0
const source = (i: number, release: string) => ({
  README: `Package ${i}, release ${release}\n`,
  'src/main.c': `int main(void) { return ${i}; }\n`,
  [`src/release-${release}.txt`]: `${release}\n`.repeat(50),
})
const first = (count: number) => Array.from({ length: count }, (_, i) => i)

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

async function workspaceWith(url: string, count: number): Promise<string> {
  const workspace = await tempDir('pc-bench-workspace-')
  await mkdir(join(workspace, '.github'))
  const entry = (i: number) =>
    `  ${name(i)}:\n    remote-url: ${url}/${name(i)}-fork.git\n    upstream-url: ${url}/${name(i)}-upstream.git\n`
  const text = `defaults:\n  upstream-tags: v*\npackages:\n${first(count).map(entry).join('')}`
  await writeFile(join(workspace, '.github', 'patch-carrier.yml'), text)
  return workspace
}

export async function measurePackages({ counts, reps, progress }: BenchOptions & { counts: number[] }) {
  const root = await tempDir('pc-bench-packages-')
  const started = performance.now()
  await mapBounded(first(Math.max(...counts)), 4, (i) => makePackage(root, i))
  const generateSeconds = since(started)
  const server = await startCountingGitServer(root)
  try {
    const workspaces = await Promise.all(counts.map((count) => workspaceWith(server.url, count)))
    const points = counts.map((packages) => ({
      ...{ packages, updates: first(packages).filter(hasUpdate).length, requests: 0, matrixOk: true },
      // per repetition; the look-up: the median of the packages' Discover stages
      ...{ seconds: [] as number[], receivedBytes: [] as number[], lookupSeconds: [] as number[] },
    }))
    const check = async (index: number, keep = true) => {
      server.reset()
      const env = { GITHUB_WORKSPACE: workspaces[index]! }
      const inputs = { mode: 'check', config: '.github/patch-carrier.yml', cache: 'false' }
      const result = await runAction(inputs, { env, expectResult: 'update-available' })
      const matrix = JSON.parse(result.outputs.matrix ?? '{}') as { include?: { package: string }[] }
      const wanted = first(counts[index]!).filter(hasUpdate).map(name)
      const lookups = [...result.log.matchAll(/^\[\S+\] Discover: (\d+\.\d+) s$/gm)].map((m) => Number(m[1]))
      const point = points[index]!
      if (!keep) return
      point.seconds.push(result.seconds)
      point.receivedBytes.push(server.traffic().received)
      point.requests = server.traffic().requests
      point.lookupSeconds.push(median(lookups))
      point.matrixOk &&= JSON.stringify(matrix.include?.map((p) => p.package)) === JSON.stringify(wanted)
    }
    await check(counts.length - 1, false) // warm-up: every repository read once
    for (let rep = 0; rep < reps; rep++) {
      for (let k = 0; k < counts.length; k++) await check((k + rep) % counts.length)
      const last = points.map((p) => `${p.packages}: ${list(p.seconds.slice(-1))} s`)
      progress(`packages ${rep + 1}/${reps}: ${last.join(', ')}`)
    }
    return { concurrency: CHECK_CONCURRENCY, cores: cpus().length, generateSeconds, points }
  } finally {
    await server.close()
  }
}
