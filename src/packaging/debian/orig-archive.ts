import { join } from 'node:path'
import type { GitRepo } from '../../git/repo.js'
import { run } from '../../process/run.js'

/** Deterministic gzip'd `git archive` tarballs: the main one and one per component. */
export async function archiveOrig(
  repo: GitRepo,
  revision: string,
  source: string,
  upstreamVersion: string,
  components: readonly string[],
  exclude: readonly string[],
  outDir: string,
): Promise<string[]> {
  // A commit, not a tree: git archive stamps the entries with the commit time (a tree would get "now").
  const commit = await repo.resolve(`${revision}^{commit}`)
  if (!commit)
    throw new Error(`upstream revision ${revision} is not a commit in ${repo.gitDir}: fetch it first`)
  for (const component of components) {
    if ((await repo.objectType(`${commit}:${component}`)) !== 'tree') {
      throw new Error(
        `orig component ${component}: the upstream tree of ${revision} has no directory ${component}/`,
      )
    }
  }
  const stem = `${source}_${upstreamVersion}.orig`
  const excluded = [...exclude, ...components].map((path) => `:(top,literal,exclude)${path}`)
  const files = [
    await archive(repo, join(outDir, `${stem}.tar`), [
      `--prefix=${source}-${upstreamVersion}/`,
      commit,
      '--',
      ':/',
      ...excluded,
    ]),
  ]
  for (const component of components) {
    files.push(
      await archive(repo, join(outDir, `${stem}-${component}.tar`), [
        commit,
        '--',
        `:(top,literal)${component}`,
      ]),
    )
  }
  return files
}

async function archive(repo: GitRepo, tarPath: string, args: readonly string[]): Promise<string> {
  await repo.archiveToFile(tarPath, ['--format=tar', ...args])
  // -n: no name or timestamp in the gzip header, so the bytes depend on the content only.
  await run('gzip', ['-n', '-9', '-f', '--', tarPath])
  return `${tarPath}.gz`
}
