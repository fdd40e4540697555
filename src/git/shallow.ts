import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { GitRepo } from './repo.js'

/** The commits whose parents a shallow repository does not have (`.git/shallow`). */
export async function shallowCommits(repo: GitRepo): Promise<string[]> {
  const text = await readFile(join(repo.gitDir, 'shallow'), 'utf8').catch(() => '')
  return text.split('\n').filter(Boolean)
}

async function writeShallow(repo: GitRepo, commits: readonly string[]): Promise<void> {
  const file = join(repo.gitDir, 'shallow')
  if (commits.length === 0) await rm(file, { force: true })
  else await writeFile(file, `${[...commits].sort().join('\n')}\n`)
}

/** The commits the repository holds, read from the object store alone: nothing is fetched for one it lacks. */
async function presentCommits(repo: GitRepo): Promise<Set<string>> {
  const listing = await repo.read([
    'cat-file',
    '--batch-all-objects',
    '--unordered',
    '--batch-check=%(objectname) %(objecttype)',
  ])
  return new Set(
    listing
      .split('\n')
      .filter((line) => line.endsWith(' commit'))
      .map((line) => line.slice(0, line.indexOf(' '))),
  )
}

/** The parents each commit records (not as grafted by .git/shallow), read in one call; the commits are here. */
async function recordedParents(repo: GitRepo, commits: readonly string[]): Promise<Map<string, string[]>> {
  const parents = new Map<string, string[]>()
  if (commits.length === 0) return parents
  const chunks: Buffer[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk)
      done()
    },
  })
  await repo.exec(['cat-file', '--batch'], { input: `${commits.join('\n')}\n`, stdoutTo: sink })
  // each object: "<sha> commit <size>\n" then <size> bytes and "\n"
  const out = Buffer.concat(chunks)
  for (let at = 0; at < out.length;) {
    const headerEnd = out.indexOf(0x0a, at)
    const [sha, , size] = out.subarray(at, headerEnd).toString('latin1').split(' ')
    const body = out.subarray(headerEnd + 1, headerEnd + 1 + Number(size))
    const blank = body.indexOf('\n\n')
    const header = (blank < 0 ? body : body.subarray(0, blank)).toString('latin1')
    const found = header.split('\n').filter((line) => line.startsWith('parent '))
    parents.set(
      sha!,
      found.map((line) => line.slice(7)),
    )
    at = headerEnd + 1 + Number(size) + 1
  }
  return parents
}

/**
 * Drops shallow marks git leaves on commits whose parents are all here (a fetch that excludes history
 * marks the first commits after the excluded ones, even when another fetch brought those), and marks of
 * commits that are not here. Returns the shallow commits that remain, with the parents they lack.
 */
export async function pruneShallow(repo: GitRepo): Promise<Map<string, string[]>> {
  const present = await presentCommits(repo)
  const marked = (await shallowCommits(repo)).filter((sha) => present.has(sha))
  const remaining = new Map<string, string[]>()
  for (const [sha, parents] of await recordedParents(repo, marked)) {
    const missing = parents.filter((parent) => !present.has(parent))
    if (missing.length > 0) remaining.set(sha, missing)
  }
  await writeShallow(repo, [...remaining.keys()])
  return remaining
}
