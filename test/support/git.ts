import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { run } from '../../src/process/run.js'

/** Identity and dates for fixture commits: no global git config is assumed. */
export const fixtureEnv = {
  GIT_AUTHOR_NAME: 'Fixture Author',
  GIT_AUTHOR_EMAIL: 'author@example.org',
  GIT_COMMITTER_NAME: 'Fixture Author',
  GIT_COMMITTER_EMAIL: 'author@example.org',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
}

/** Runs git in a fixture repository and returns trimmed stdout. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const result = await run('git', args, { cwd, env: fixtureEnv })
  return result.stdout.trim()
}

/** Objects and KiB the work repository of a run holds itself (borrowed objects are not counted). */
export async function ownObjects(workDir: string): Promise<{ objects: number; kib: number }> {
  const out = await git(join(workDir, 'repo'), 'count-objects', '-v')
  const field = (name: string): number => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(out)?.[1] ?? NaN)
  return { objects: field('count') + field('in-pack'), kib: field('size') + field('size-pack') }
}

/** Writes files (path → content; null deletes) into a work tree, creating directories. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), content)
  }
}

/** Writes files and commits them all; returns the new commit sha. */
export async function commitFiles(
  repo: string,
  message: string,
  files: Record<string, string>,
): Promise<string> {
  await writeFiles(repo, files)
  await git(repo, 'add', '-A')
  await git(repo, 'commit', '-q', '--allow-empty', '-m', message)
  return git(repo, 'rev-parse', 'HEAD')
}
