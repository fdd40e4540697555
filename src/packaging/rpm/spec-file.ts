import type { GitRepo } from '../../git/repo.js'

/** The name of the one `*.spec` file at the top of the commit's tree; an error says what to fix otherwise. */
export async function findSpec(repo: GitRepo, commit: string): Promise<string> {
  const specs = (await repo.listTree(commit)).filter((name) => name.endsWith('.spec'))
  if (specs.length === 1) return specs[0]!
  throw new Error(
    specs.length === 0
      ? `no *.spec file at the top of ${commit.slice(0, 12)}: packaging rpm needs one`
      : `several spec files at the top of ${commit.slice(0, 12)} (${specs.join(', ')}): keep one, or set packaging`,
  )
}
