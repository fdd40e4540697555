import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitRepo } from '../../git/repo.js'
import { exportPaths } from './export-tree.js'
import { parseSeries } from './series.js'

const PATCHES = 'debian/patches/'

/**
 * Writes the part of `commit`'s tree that checking its quilt patches reads into `destDir`: debian/patches/
 * and every file a patch header names. GNU patch opens no other file, so the check gives the same answers
 * as on the whole tree (a named file the tree lacks is missing from both) without writing thousands of
 * upstream files.
 */
export async function exportQuiltInputs(repo: GitRepo, commit: string, destDir: string): Promise<void> {
  const paths = new Set(
    (await repo.read(['ls-tree', '-r', '-z', '--name-only', commit])).split('\0').filter(Boolean),
  )
  const patchFiles = [...paths].filter((path) => path.startsWith(PATCHES))
  await exportPaths(repo, commit, destDir, patchFiles)
  if (!paths.has(`${PATCHES}series`)) return
  const named = new Set<string>()
  for (const entry of parseSeries(await readFile(join(destDir, PATCHES, 'series'), 'utf8'))) {
    if (!paths.has(PATCHES + entry.name)) continue
    const text = await readFile(join(destDir, PATCHES, entry.name), 'utf8')
    for (const path of patchTargets(text)) if (paths.has(path) && !path.startsWith(PATCHES)) named.add(path)
  }
  await exportPaths(repo, commit, destDir, [...named])
}

/** Longer names are no file: a path is at most 4096 bytes (PATH_MAX), and a 'diff --git' line holds two. */
const MAX_PATH = 8192

const HEADER = /^(?:--- |\+\+\+ |\*\*\* |Index: |diff --git |(?:rename|copy) (?:from|to) )(.*)$/gm

/**
 * Every path a patch's headers could name, at any strip level: each name found in `---`, `+++`, `***`,
 * `Index:`, `diff --git` and git rename/copy lines, cut at a tab or a space or not at all, unquoted when
 * quoted, with its leading components removed one by one. A superset of what GNU patch will open.
 */
export function patchTargets(text: string): Set<string> {
  const targets = new Set<string>()
  for (const match of text.matchAll(HEADER)) {
    const rest = (match[1] ?? '').replace(/\r$/, '')
    const names = new Set([rest, rest.split('\t')[0]!, rest.split(' ')[0]!])
    if (rest.length <= MAX_PATH) for (const name of unquoted(rest)) names.add(name)
    // `diff --git a/x b/x`: two names of the same length (renames and copies have their own lines)
    const middle = (rest.length - 1) / 2
    if (match[0].startsWith('diff --git ') && rest[middle] === ' ') {
      names.add(rest.slice(0, middle))
      names.add(rest.slice(middle + 1))
    }
    for (const name of names) {
      if (name.length <= MAX_PATH) for (const suffix of suffixes(name.trimEnd())) targets.add(suffix)
    }
  }
  return targets
}

/** `a/b/c` → `a/b/c`, `b/c`, `c` (repeated slashes count as one, as for `patch -p`). */
function suffixes(name: string): string[] {
  const parts = name.split(/\/+/).filter(Boolean)
  return parts.map((_, index) => parts.slice(index).join('/'))
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11 }

/** The C-quoted names (`"a/tab\there"`) in a header line, unquoted as git and GNU patch write them. */
function unquoted(rest: string): string[] {
  return [...rest.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => {
    const body = [...match[1]!]
    const bytes: number[] = []
    for (let i = 0; i < body.length; i++) {
      const octal = body[i] === '\\' ? /^[0-7]{3}/.exec(body.slice(i + 1, i + 4).join('')) : null
      if (octal) {
        bytes.push(parseInt(octal[0], 8))
        i += 3
      } else if (body[i] === '\\') {
        const next = body[++i] ?? ''
        bytes.push(ESCAPES[next] ?? next.charCodeAt(0))
      } else {
        bytes.push(...Buffer.from(body[i]!, 'utf8'))
      }
    }
    return Buffer.from(bytes).toString('utf8')
  })
}
