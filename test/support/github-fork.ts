import { execFileSync } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { commitFiles, git } from './git.js'
import { startGitHttpServer, type GitHttpServer } from './git-http-server.js'
import { startGitHubStandIn, type GitHubStandIn } from './github-standin.js'
import type { Fork } from './debian-fixtures.js'
import { tempDir } from './tmp.js'

/**
 * A fork "on GitHub": its bare repository served over real smart HTTP (demanding the token) and the REST
 * stand-in for its pull requests, which sees the repository's real branch heads.
 */
export interface GitHubFork {
  token: string
  api: GitHubStandIn
  git: GitHttpServer
  /** Inputs that point the action at this fork. */
  inputs: Record<string, string>
  /** Environment a runner would set for this repository. */
  env: Record<string, string>
  /** What a merge on the website does: a merge commit of head into base, and the pull request merged. */
  merge(number: number): Promise<string>
  close(): Promise<void>
}

function branchSha(bare: string, branch: string): string | undefined {
  try {
    return execFileSync(
      'git',
      ['--git-dir', bare, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`],
      {
        encoding: 'utf8',
      },
    ).trim()
  } catch {
    return undefined
  }
}

export async function serveOnGitHub(
  fork: Fork,
  token = 'ghs_carrierTestToken0123456789abcdef',
): Promise<GitHubFork> {
  const server = await startGitHttpServer({ root: dirname(fork.bare), token })
  const api = await startGitHubStandIn({
    owner: 'mail-org',
    repo: 'dovecot',
    token,
    branchSha: (branch) => branchSha(fork.bare, branch),
  })
  return {
    token,
    api,
    git: server,
    inputs: { 'remote-url': `${server.url}/${basename(fork.bare)}`, 'github-token': token },
    // the git server is the GitHub server: the token goes to it (and to no other host)
    env: {
      GITHUB_API_URL: api.url,
      GITHUB_SERVER_URL: server.url,
      GITHUB_REPOSITORY: `${api.owner}/${api.repo}`,
    },
    async merge(number) {
      const pull = api.pulls().find((candidate) => candidate.number === number)
      if (!pull) throw new Error(`no pull request #${number}`)
      const base = `refs/heads/${pull.base.ref}`
      const head = `refs/heads/${pull.head.ref}`
      const tree = await git(fork.bare, 'merge-tree', '--write-tree', base, head)
      const message = `Merge pull request #${number} from ${api.owner}/${pull.head.ref}`
      const merged = await git(fork.bare, 'commit-tree', tree, '-p', base, '-p', head, '-m', message)
      await git(fork.bare, 'update-ref', base, merged)
      api.merge(number)
      return merged
    },
    close: async () => {
      await Promise.all([server.close(), api.close()])
    },
  }
}

/** A person's commit on a fork branch: fetched into a scratch clone, committed, pushed back. */
export async function pushAsPerson(
  fork: Fork,
  branch: string,
  message: string,
  files: Record<string, string | ((old: string) => string)>,
): Promise<string> {
  const dir = await tempDir('pc-person-')
  await git(dir, 'init', '-q')
  await git(dir, 'fetch', '-q', fork.bare, `+refs/heads/${branch}:refs/remotes/origin/work`)
  await git(dir, 'checkout', '-q', '--detach', 'refs/remotes/origin/work')
  const contents: Record<string, string> = {}
  for (const [path, change] of Object.entries(files)) {
    contents[path] = typeof change === 'string' ? change : change(await readFile(join(dir, path), 'utf8'))
  }
  const sha = await commitFiles(dir, message, contents)
  await git(dir, 'push', '-q', fork.bare, `HEAD:refs/heads/${branch}`)
  return sha
}

/** Every file under a directory whose content contains `needle` (for secret scans of work directories). */
export async function filesContaining(root: string, needle: string): Promise<string[]> {
  const found: string[] = []
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    if ((await readFile(path)).includes(needle)) found.push(path)
  }
  return found
}
