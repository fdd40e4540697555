import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { diskLinks, resolveInTree, TreeLinkError } from '../git/tree-links.js'

/**
 * Checks that every symbolic link at or below `scope` (a path relative to `root`, such as `debian`)
 * leads to a place within `root`, following chains of links and the directories they lead to, as
 * `dpkg-source -x` does. The first that does not is a TreeLinkError naming it, with `consequence` saying
 * what following it would have done. Nothing outside `root` is read.
 */
export async function assertLinksInside(root: string, scope: string, consequence?: string): Promise<void> {
  const lookup = diskLinks(root)
  const resolve = async (path: string): Promise<string> => {
    try {
      return await resolveInTree(lookup, path)
    } catch (error) {
      throw error instanceof TreeLinkError && consequence ? error.because(consequence) : error
    }
  }
  const seen = new Set<string>()
  const walk = async (path: string): Promise<void> => {
    const info = await lstat(join(root, path)).catch(() => undefined)
    if (info?.isSymbolicLink()) return walk(await resolve(path))
    if (!info?.isDirectory() || seen.has(path)) return
    seen.add(path)
    for (const entry of await readdir(join(root, path))) await walk(path ? `${path}/${entry}` : entry)
  }
  await walk(await resolve(scope))
}
