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
const METADATA = /^(?:Mode|Mod time|Uid|Gid) differs$/
/** A name as `--quoting-style=c` writes it: in double quotes, `"` and `\` escaped. */
const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"'
/** A member name (`--verbose`), full; a difference, for the path with the top directory stripped. */
const [NAME, DIFFERENCE] = [new RegExp(`^${QUOTED}$`), new RegExp(`^${QUOTED}: (.*)$`)]
/** tar's warning for a member the tree lacks; tar's own messages start with its name (`tar`, `/usr/bin/tar`). */
const MISSING = new RegExp(`^(?:\\S*/)?tar: ${QUOTED}: Warning: Cannot stat: `)

/**
 * Does the orig tarball hold exactly the tree's files (outside debian/ and .github/, and `skip`) with
 * the same contents? One pass of GNU tar over the tarball (`--compare --verbose`: every member's name,
 * then what differs from the tree, each name quoted, so no name can pass for a message); nothing is
 * unpacked. Strict where dpkg-source is lenient: a file only in the tree that dpkg-source would ignore
 * (`.gitignore`), an empty directory of the tarball, a name tar escapes, a tarball without a single top
 * directory, a message it does not know all answer "not the same", with the first reason.
 */
export async function origMatchesTree(request: TreeMatchRequest): Promise<TreeMatch> {
  const env = { LC_ALL: 'C', TAR_OPTIONS: undefined }
  const compared = await run(
    'tar',
    [
      '--compare',
      '--verbose',
      '--quoting-style=c',
      '-f',
      request.orig,
      '-C',
      request.treeDir,
      '--strip-components=1',
    ],
    { env, okCodes: [0, 1] },
  )
  const quoted: string[] = []
  const differences: { path: string; what: string }[] = []
  for (const line of compared.stdout.split('\n')) {
    if (line === '') continue
    const name = NAME.exec(line)?.[1]
    const difference = DIFFERENCE.exec(line)
    if (name !== undefined) quoted.push(name)
    else if (difference) differences.push({ path: difference[1]!, what: difference[2]! })
    else return { same: false, why: `tar said: ${line}` }
  }
  for (const line of compared.stderr.split('\n')) {
    if (line === '') continue
    const path = MISSING.exec(line)?.[1]
    if (path === undefined) return { same: false, why: `tar said: ${line}` }
    differences.push({ path, what: 'Warning: Cannot stat' })
  }
  const escaped = [...quoted, ...differences.map((d) => d.path)].find((text) => unquote(text) === undefined)
  if (escaped !== undefined)
    return { same: false, why: `the orig tarball has a name tar escapes: ${escaped}` }
  const names = quoted.map((text) => unquote(text)!)
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

  for (const difference of differences) {
    const [path, what] = [unquote(difference.path)!, difference.what]
    if (METADATA.test(what)) continue
    // '': the top directory, which --strip-components leaves without a name
    if (path === '' || request.skip.has(path)) continue
    return { same: false, why: `${path}: ${what}` }
  }
  return { same: true }
}

/**
 * The text of a name tar quoted: its messages escape a colon (`\\:`); any other escape (a quote, a
 * backslash, a byte outside printable ASCII) makes it a name this check does not take: undefined.
 */
function unquote(text: string): string | undefined {
  const parts = text.match(/\\.|[^\\]+/g) ?? []
  if (parts.some((part) => part.startsWith('\\') && part !== '\\:')) return undefined
  return parts.map((part) => (part === '\\:' ? ':' : part)).join('')
}

/** Files and symlinks under `treeDir` outside debian/ and .github/, relative to it. */
export async function listTreeFiles(treeDir: string): Promise<string[]> {
  const entries = await readdir(treeDir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(treeDir, join(entry.parentPath ?? entry.path, entry.name)))
    .filter((path) => !/^(?:debian|\.github)(?:\/|$)/.test(path))
}
