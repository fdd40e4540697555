import { readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { run } from '../../process/run.js'

export type TreeMatch = { same: true } | { same: false; why: string }

export interface TreeMatchRequest {
  /** The orig tarball (one, no components). */
  orig: string
  /** The build tree, patches unapplied. */
  treeDir: string
  /** Files and symlinks of the tree outside debian/ and .github/, relative to it. */
  treeFiles: readonly string[]
  /** Paths not to look at: dpkg-source compares them itself (the files the patches touch). */
  skip: ReadonlySet<string>
}

/** What `tar --compare` says about metadata, which dpkg-source does not compare either. */
const METADATA = /: (?:Mode|Mod time|Uid|Gid) differs$/
/** tar's own messages start with its name (as it was started: `tar`, `/usr/bin/tar`). */
const FROM_TAR = /^(?:\S*\/)?tar: /

/**
 * Does the orig tarball hold exactly the tree's files (outside debian/ and .github/, and `skip`) with
 * the same contents? GNU tar reads the tarball twice (its names, then `--compare` against the tree);
 * nothing is unpacked. Strict where dpkg-source is lenient: a file only in the tree that dpkg-source
 * would ignore (`.gitignore`), an empty directory of the tarball, a name tar escapes, a tarball without a
 * single top directory all answer "not the same", with the first reason.
 */
export async function origMatchesTree(request: TreeMatchRequest): Promise<TreeMatch> {
  const env = { LC_ALL: 'C', TAR_OPTIONS: undefined }
  const listing = await run('tar', ['-t', '-f', request.orig], { env })
  const names = listing.stdout.split('\n').filter(Boolean)
  const escaped = names.find((name) => name.includes('\\'))
  if (escaped) return { same: false, why: `the orig tarball has a name tar escapes: ${escaped}` }
  const top = names[0]?.split('/')[0] ?? ''
  if (!top || names.some((name) => name !== top && !name.startsWith(`${top}/`)))
    return { same: false, why: 'the orig tarball has no single top directory' }

  const members = new Set(
    names.map((name) => name.slice(top.length + 1)).filter((name) => name !== '' && !name.endsWith('/')),
  )
  const tree = new Set(request.treeFiles)
  const onlyTree = request.treeFiles.find((path) => !members.has(path) && !request.skip.has(path))
  if (onlyTree) return { same: false, why: `${onlyTree} is in the tree, not in the orig tarball` }
  const onlyOrig = [...members].find((path) => !tree.has(path) && !request.skip.has(path))
  if (onlyOrig) return { same: false, why: `${onlyOrig} is in the orig tarball, not in the tree` }

  const compared = await run(
    'tar',
    ['--compare', '-f', request.orig, '-C', request.treeDir, '--strip-components=1'],
    { env, okCodes: [0, 1] },
  )
  for (const line of `${compared.stdout}\n${compared.stderr}`.split('\n')) {
    if (line === '' || METADATA.test(line)) continue
    const path =
      /^(.*): (?:Contents|Size|Symlink|File type) differs?$/.exec(line)?.[1] ??
      /^(.*): Warning: Cannot stat: /.exec(line.replace(FROM_TAR, ''))?.[1]
    // '': the top directory, which --strip-components leaves without a name
    if (path === '' || (path !== undefined && request.skip.has(path))) continue
    return { same: false, why: line.replace(FROM_TAR, '') }
  }
  return { same: true }
}

/** Files and symlinks under `treeDir` outside debian/ and .github/, relative to it. */
export async function listTreeFiles(treeDir: string): Promise<string[]> {
  const entries = await readdir(treeDir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(treeDir, join(entry.parentPath ?? entry.path, entry.name)))
    .filter((path) => !/^(?:debian|\.github)(?:\/|$)/.test(path))
}
