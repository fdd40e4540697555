import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { commitTree } from '../git/commit-tree.js'
import { commitMessage } from '../git/log.js'
import type { GitRepo } from '../git/repo.js'
import { treeOf, writeDirectoryTree } from '../git/trees.js'
import { maintainerIdentity, parseChangelog } from '../packaging/debian/changelog.js'
import { fieldValue, parseDsc } from '../packaging/debian/dsc.js'
import { assertLinksInside } from '../packaging/link-guard.js'
import { run } from '../process/run.js'
import type { DownloadedSource } from './download.js'

/**
 * Imports a downloaded source package as `gbp import-dsc` would: the commit's tree is exactly what
 * `dpkg-source -x --skip-patches` unpacks (empty directories aside, which git cannot hold), its parent the
 * previous import, author and date from the version's changelog entry. The same upload and parent give
 * the same commit on every runner.
 */
export async function importSource(
  repo: GitRepo,
  source: DownloadedSource,
  parent: string | undefined,
  scratchDir: string,
): Promise<string> {
  const tree = join(scratchDir, 'unpacked')
  await rm(tree, { recursive: true, force: true })
  await mkdir(scratchDir, { recursive: true })
  try {
    const index = join(scratchDir, 'import-index')
    const reuse = parent ? await sameOrigAs(repo, parent, source) : undefined
    let treeId: string
    if (reuse) {
      treeId = await debianOnto(repo, source, reuse, tree, index)
    } else {
      await run('dpkg-source', ['--no-copy', '--skip-patches', '-x', source.dsc, tree], {
        env: { LC_ALL: 'C' },
      })
      treeId = await writeDirectoryTree(repo, tree, index, 'the source package')
    }
    // dpkg-source -x checks debian/'s links only when their targets exist on this machine
    await assertLinksInside(tree, 'debian', 'dpkg-source -x refuses such a package where the target exists')
    const top = parseChangelog(await readFile(join(tree, 'debian', 'changelog'), 'utf8'))[0]
    if (!top) throw new Error(`${source.dsc}: debian/changelog has no entry`)
    return await commitTree(repo, {
      tree: treeId,
      parents: parent ? [parent] : [],
      message: importMessage(top.source, top.version, source),
      identity: maintainerIdentity(top.maintainer),
      date: top.date,
    })
  } finally {
    await rm(tree, { recursive: true, force: true })
  }
}

function importMessage(pkg: string, version: string, source: DownloadedSource): string {
  const files = source.files.map((file) => `  ${file.sha256}  ${file.name}`)
  return `Import ${pkg} ${version} from the Debian archive\n\nFiles (sha256):\n${files.join('\n')}\n`
}

/**
 * A security upload usually keeps the orig tarballs: when the parent import lists each of them with the
 * same sha256, its tree outside debian/ is what dpkg-source would unpack again. Returns the parent's tree
 * and the debian tarball, for a `3.0 (quilt)` package; undefined otherwise.
 */
async function sameOrigAs(
  repo: GitRepo,
  parent: string,
  source: DownloadedSource,
): Promise<{ tree: string; debianTarball: string } | undefined> {
  const dsc = parseDsc(await readFile(source.dsc, 'utf8'))
  if (fieldValue(dsc.fields, 'Format')?.trim() !== '3.0 (quilt)') return undefined
  const debianTarballs = source.files.filter((file) => /\.debian\.tar\.[a-z0-9]+$/.test(file.name))
  const origs = source.files.filter((file) => /\.orig(-[A-Za-z0-9-]+)?\.tar\.[a-z0-9]+$/.test(file.name))
  if (debianTarballs.length !== 1 || origs.length === 0) return undefined
  const message = await commitMessage(repo, parent)
  const listed = new Set(
    message
      .split('\n')
      .flatMap((line) => /^\s+([0-9a-f]{64})\s+(\S+)$/.exec(line)?.slice(1, 3).join(' ') ?? []),
  )
  if (!message.startsWith('Import ') || !origs.every((file) => listed.has(`${file.sha256} ${file.name}`)))
    return undefined
  return {
    tree: await treeOf(repo, parent),
    debianTarball: join(source.dir, debianTarballs[0]!.name),
  }
}

/** The parent's tree with debian/ taken from the debian tarball, as dpkg-source -x would lay it. */
async function debianOnto(
  repo: GitRepo,
  source: DownloadedSource,
  reuse: { tree: string; debianTarball: string },
  dir: string,
  index: string,
): Promise<string> {
  await mkdir(dir, { recursive: true })
  await run('tar', ['--no-same-owner', '--no-same-permissions', '-x', '-f', reuse.debianTarball, '-C', dir], {
    env: { LC_ALL: 'C' },
  })
  const top = await readdir(dir)
  // dpkg-source refuses a debian tarball with anything but debian/: so does this shortcut
  if (top.length !== 1 || top[0] !== 'debian')
    throw new Error(`${source.dsc}: the debian tarball holds ${top.join(', ')} besides debian/`)
  return writeDirectoryTree(repo, dir, index, 'the source package', { tree: reuse.tree, replace: 'debian' })
}
