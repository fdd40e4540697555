import { lstat, mkdir, readdir, readFile, readlink, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { identityEnv, type GitRepo } from '../git/repo.js'
import { parseChangelog } from '../packaging/debian/changelog.js'
import { assertLinksInside } from '../packaging/link-guard.js'
import { run } from '../process/run.js'
import type { DownloadedSource } from './download.js'

/** One entry of the imported tree, as git stores it. */
interface TreeEntry {
  mode: '100644' | '100755' | '120000'
  path: string
  absolute: string
}

/**
 * Imports a downloaded source package as `gbp import-dsc` would: the commit's tree is exactly what
 * `dpkg-source -x --skip-patches` unpacks (empty directories aside, which git cannot hold), its parent the
 * previous import, author and date from the version's changelog entry. The same upload and parent give
 * the same commit on every runner. Files are hashed without git's filters, so an upstream
 * `.gitattributes` cannot change what is stored.
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
  await run('dpkg-source', ['--no-copy', '--skip-patches', '-x', source.dsc, tree], {
    env: { LC_ALL: 'C' },
  })
  try {
    const entries = await walk(tree, '')
    const blobs = await hashFiles(repo, entries)
    const index = join(scratchDir, 'import-index')
    await rm(index, { force: true })
    const indexed = repo.withEnv({ GIT_INDEX_FILE: index })
    await indexed.exec(['update-index', '--add', '-z', '--index-info'], {
      input: entries.map((entry, i) => `${entry.mode} ${blobs[i]}\t${entry.path}\0`).join(''),
    })
    const treeId = await indexed.read(['write-tree'])
    await rm(index, { force: true })
    // dpkg-source -x checks debian/'s links only when their targets exist on this machine
    await assertLinksInside(tree, 'debian', 'dpkg-source -x refuses such a package where the target exists')
    const top = parseChangelog(await readFile(join(tree, 'debian', 'changelog'), 'utf8'))[0]
    if (!top) throw new Error(`${source.dsc}: debian/changelog has no entry`)
    const author = /^(.*?)\s*<([^<>]*)>$/.exec(top.maintainer)
    const identity = { name: author?.[1] || top.maintainer, email: author?.[2] ?? '' }
    return await repo.read(['commit-tree', treeId, ...(parent ? ['-p', parent] : []), '-F', '-'], {
      env: identityEnv(identity, top.date),
      input: importMessage(top.source, top.version, source),
    })
  } finally {
    await rm(tree, { recursive: true, force: true })
  }
}

function importMessage(pkg: string, version: string, source: DownloadedSource): string {
  const files = source.files.map((file) => `  ${file.sha256}  ${file.name}`)
  return `Import ${pkg} ${version} from the Debian archive\n\nFiles (sha256):\n${files.join('\n')}\n`
}

async function walk(root: string, prefix: string): Promise<TreeEntry[]> {
  const found: TreeEntry[] = []
  for (const name of (await readdir(join(root, prefix))).sort()) {
    const path = prefix ? `${prefix}/${name}` : name
    if (/[\n\0]/.test(path))
      throw new Error(`the source package holds a file name git cannot import: ${JSON.stringify(path)}`)
    const absolute = join(root, path)
    const info = await lstat(absolute)
    if (info.isDirectory()) {
      if (name === '.git') throw new Error(`the source package holds a .git directory (${path}): refused`)
      found.push(...(await walk(root, path)))
    } else if (info.isSymbolicLink()) found.push({ mode: '120000', path, absolute })
    else if (info.isFile()) found.push({ mode: info.mode & 0o111 ? '100755' : '100644', path, absolute })
  }
  return found
}

/** Blob ids of the entries: files hashed in one `git hash-object` call, links by their target text. */
async function hashFiles(repo: GitRepo, entries: TreeEntry[]): Promise<string[]> {
  const files = entries.filter((entry) => entry.mode !== '120000')
  const ids = (
    await repo.read(['hash-object', '-w', '--no-filters', '--stdin-paths'], {
      input: files.map((entry) => `${entry.absolute}\n`).join(''),
    })
  ).split('\n')
  const byPath = new Map(files.map((entry, i) => [entry.path, ids[i]!]))
  const result: string[] = []
  for (const entry of entries) {
    if (entry.mode !== '120000') result.push(byPath.get(entry.path)!)
    else
      result.push(
        await repo.read(['hash-object', '-w', '--stdin'], { input: await readlink(entry.absolute) }),
      )
  }
  return result
}
