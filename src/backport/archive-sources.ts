import { mkdir, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { downloadSource } from '../archive/download.js'
import type { RefUpdate } from '../git/push.js'
import type { GitRepo } from '../git/repo.js'
import { run } from '../process/run.js'
import { dep14Encode } from '../versions/dep14.js'
import { sourceRef } from './archive-refs.js'
import { commitDirectory } from './directory-commit.js'
import type { BackportDiscovery } from './discover.js'

const DEBIAN_TARBALL = /\.debian\.tar\.(?:xz|gz|bz2|lzma)$/

/**
 * Gives each archive version the port reads a commit of its debian/ directory: from its debian tarball
 * alone (verified against the signed Sources and the .dsc; the orig tarballs are not downloaded). Returns
 * the refs that keep them on the fork.
 */
export async function materialiseSources(
  repo: GitRepo,
  discovery: BackportDiscovery,
  workDir: string,
): Promise<RefUpdate[]> {
  const archive = discovery.archive
  if (!archive) return []
  const made: RefUpdate[] = []
  for (const source of [discovery.start, ...discovery.pending]) {
    if (source.commit) continue
    const entry = archive.entries.get(source.version)!
    const dir = join(workDir, 'archive-sources', dep14Encode(source.version))
    const downloaded = await downloadSource(entry, join(dir, 'download'), (name) => DEBIAN_TARBALL.test(name))
    const tarball = downloaded.files.find((file) => DEBIAN_TARBALL.test(file.name))
    if (!tarball)
      throw new Error(
        `${archive.pkg} ${source.version} has no debian tarball: only 3.0 (quilt) packages can be backported`,
      )
    const tree = join(dir, 'tree')
    await mkdir(tree, { recursive: true })
    // only debian/: a member elsewhere is not packaging and is not written
    await run('tar', [
      '-x',
      '--no-same-owner',
      '--no-same-permissions',
      '-f',
      join(downloaded.dir, tarball.name),
      '-C',
      tree,
      '--',
      'debian',
    ])
    source.commit = await commitDirectory(
      repo,
      tree,
      `${archive.pkg} ${source.version}: debian/ of ${basename(downloaded.dsc)} from ${entry.archive} ${entry.suite}\n\n` +
        `${tarball.name} sha256 ${tarball.sha256}\n`,
    )
    made.push({ ref: sourceRef(archive.pkg, source.version), sha: source.commit })
    await rm(dir, { recursive: true, force: true })
  }
  return made
}
