import { mkdir, rm, symlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { makeFork, type Fork } from './debian-fixtures.js'
import { git, writeFiles } from './git.js'
import type { PlainUpstream } from './plain-fixtures.js'

/** A downstream commit of hostile content: files (a `symlink:` value makes a symbolic link) and a subject. */
export interface HostileCommit {
  subject?: string
  files: Record<string, string>
}

/** A fork of `upstream` at `tag` with one downstream commit made exactly as given (no shell). */
export async function forkWith(upstream: PlainUpstream, tag: string, commit: HostileCommit): Promise<Fork> {
  const fork = await makeFork(upstream.url, tag)
  const entries = Object.entries(commit.files)
  const links = entries.filter(([, content]) => content.startsWith('symlink:'))
  await writeFiles(fork.work, Object.fromEntries(entries.filter((entry) => !links.includes(entry))))
  for (const [path, content] of links) {
    await mkdir(dirname(join(fork.work, path)), { recursive: true })
    await rm(join(fork.work, path), { recursive: true, force: true })
    await symlink(content.slice('symlink:'.length), join(fork.work, path))
  }
  await git(fork.work, 'add', '-A')
  await git(fork.work, 'commit', '-q', '--allow-empty-message', '-m', commit.subject ?? 'Package')
  await git(fork.work, 'push', '-q', fork.bare, `HEAD:refs/heads/${fork.branch}`)
  return fork
}
