import { lstat, readlink } from 'node:fs/promises'
import { join } from 'node:path'

/** A symbolic link that leads out of the tree it is in: patch-carrier neither reads nor writes through it. */
export class TreeLinkError extends Error {
  override name = 'TreeLinkError'
  constructor(
    /** The link, relative to the tree. */
    readonly link: string,
    readonly target: string,
    /** Why it cannot be followed: "an absolute path outside the tree", … */
    readonly why: string,
    /** What reading or writing through it would have done, when the caller knows. */
    consequence?: string,
  ) {
    super(
      `${escaped(link)} is a symbolic link to ${printable(target)}, ${why}` +
        (consequence ? ` (${consequence})` : '') +
        ': patch-carrier follows links only within the tree; make it a file, or a link to a file in the tree',
    )
  }

  /** The same error, saying what following the link would have done. */
  because(consequence: string): TreeLinkError {
    return new TreeLinkError(this.link, this.target, this.why, consequence)
  }
}

/** What a resolver needs to know of a tree: whether a path is a symbolic link, and where it points. */
export interface LinkLookup {
  /** The link's target when `path` (all of whose directories are real) is a symbolic link, else undefined. */
  linkTarget(path: string): Promise<string | undefined>
}

/** The links of a tree written out on disk under `root`, as the resolver asks for them (nothing is followed). */
export function diskLinks(root: string): LinkLookup {
  return {
    linkTarget: async (path) => {
      const info = await lstat(join(root, path)).catch(() => undefined)
      return info?.isSymbolicLink() ? readlink(join(root, path)) : undefined
    },
  }
}

/** Links followed in one resolution before it counts as a loop (Linux's own limit). */
const MAX_LINKS = 40

/**
 * Where `path` really is within a tree whose links `lookup` knows, as a path relative to the tree's root,
 * following links the way the kernel does (a `..` after a link goes up from the link's target). A link to
 * an absolute path, a `..` above the root and a loop throw a TreeLinkError naming the link. Paths that do
 * not exist resolve as written.
 */
export async function resolveInTree(
  lookup: LinkLookup,
  path: string,
  /** Told each link followed (its path, relative to the root). */
  onLink?: (link: string) => void,
): Promise<string> {
  // each component remembers the link whose target it came from: a `..` above the root blames that link
  type Part = { name: string; from?: { link: string; target: string } }
  const pending: Part[] = components(path)
    .reverse()
    .map((name) => ({ name }))
  const resolved: string[] = []
  let followed = 0
  while (pending.length > 0) {
    const part = pending.pop()!
    if (part.name === '..') {
      if (resolved.length > 0) resolved.pop()
      else if (part.from)
        throw new TreeLinkError(part.from.link, part.from.target, 'which leads outside the tree')
      else throw new Error(`${printable(path)} leads outside the tree`)
      continue
    }
    const candidate = [...resolved, part.name].join('/')
    const target = await lookup.linkTarget(candidate)
    if (target === undefined) {
      resolved.push(part.name)
      continue
    }
    if (++followed > MAX_LINKS) throw new TreeLinkError(candidate, target, 'which is part of a loop of links')
    if (target.startsWith('/'))
      throw new TreeLinkError(candidate, target, 'an absolute path outside the tree')
    onLink?.(candidate)
    const from = { link: candidate, target }
    pending.push(
      ...components(target)
        .reverse()
        .map((name) => ({ name, from })),
    )
  }
  return resolved.join('/')
}

/** The non-empty, non-`.` components of a path. */
function components(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.')
}

/** Control characters as `\xNN`: a hostile name cannot forge log lines. */
function escaped(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

/** Quoted, escaped and cut at 200 characters. */
function printable(text: string): string {
  const shown = escaped(text)
  return `"${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}"`
}
