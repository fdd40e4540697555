import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitRepo } from '../../git/repo.js'
import { resolveInTree } from '../../git/tree-links.js'
import { assertLinksInside } from '../link-guard.js'
import { exportPaths } from './export-tree.js'
import { parseSeries, patchKey } from './series.js'

const PATCHES = 'debian/patches/'

/**
 * Writes the part of `commit`'s tree that checking its quilt patches reads into `destDir`: debian/patches/
 * and every file a patch header names. GNU patch opens no other file, so the check gives the same answers
 * as on the whole tree (a named file the tree lacks is missing from both) without writing thousands of
 * upstream files. Symbolic links on the way to the series and the patches are written too, with what they
 * lead to; one that leads out of the tree is refused (a TreeLinkError naming it).
 */
export async function exportQuiltInputs(repo: GitRepo, commit: string, destDir: string): Promise<void> {
  const files = await repo.listFiles(commit)
  const links = repo.linksOf(files)
  const inputs = new Set([...files.keys()].filter((path) => path.startsWith(PATCHES)))
  // a file's way through links, each link and where it ends: all of it inside the tree, or an error
  const reach = async (path: string): Promise<string | undefined> => {
    const resolved = await resolveInTree(links, path, (link) => inputs.add(link))
    if (!files.has(resolved)) return undefined
    inputs.add(resolved)
    return resolved
  }
  const series = await reach(`${PATCHES}series`)
  const seriesText = series && (await repo.readBlob(files.get(series)!.sha))
  const patches: string[] = []
  for (const entry of parseSeries(seriesText ? `${seriesText}\n` : '')) {
    if (entry.name.split('/').includes('..')) continue
    const patch = await reach(PATCHES + patchKey(entry.name))
    if (patch) patches.push(patch)
  }
  await exportPaths(repo, commit, destDir, [...inputs])
  await assertLinksInside(destDir, 'debian', 'GNU patch and dpkg-source would read through it')
  const named = new Set<string>()
  for (const patch of patches) {
    for (const path of patchTargets(await readFile(join(destDir, patch), 'utf8'))) {
      if (files.has(path) && !inputs.has(path)) named.add(path)
    }
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
