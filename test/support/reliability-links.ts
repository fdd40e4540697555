import { mkdir, readdir, readFile, readlink, lstat, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { run } from '../../src/process/run.js'
import { git, writeFiles } from './git.js'
import type { PlainUpstream } from './plain-fixtures.js'
import { tempDir } from './tmp.js'

/** The runner's home directory as a hostile tree aims at it: credentials, and places to write to. */
export interface RunnerHome {
  dir: string
  /** `~/.netrc`, holding `secret`. */
  netrc: string
  secret: string
  /** Every entry below the home directory (files with contents, links with targets), nothing followed. */
  snapshot(): Promise<Record<string, string>>
}

export async function makeRunnerHome(): Promise<RunnerHome> {
  const dir = await tempDir('pc-home-')
  const secret = 'sentinel-netrc-password-4c1e'
  const netrc = join(dir, '.netrc')
  await writeFile(netrc, `machine github.com login runner password ${secret}\n`)
  await mkdir(join(dir, 'patches'))
  await writeFile(join(dir, 'patches', 'series'), 'home.patch\n')
  await writeFile(
    join(dir, 'patches', 'home.patch'),
    `--- a/README\n+++ b/README\n@@ -1 +1 @@\n-app\n+${secret}\n`,
  )
  await mkdir(join(dir, 'pc'))
  return { dir, netrc, secret, snapshot: () => snapshot(dir) }
}

async function snapshot(root: string): Promise<Record<string, string>> {
  const seen: Record<string, string> = {}
  for (const name of await readdir(root, { recursive: true })) {
    const path = join(root, name)
    const info = await lstat(path)
    if (info.isSymbolicLink()) seen[name] = `-> ${await readlink(path)}`
    else if (info.isFile()) seen[name] = await readFile(path, 'utf8')
    else seen[name] = `dir ${info.mode.toString(8)}`
  }
  return seen
}

/** Commits upstream files and symbolic links (a `symlink:` value) and tags the commit with each of `tags`. */
export async function releaseWithLinks(
  upstream: PlainUpstream,
  tags: string[],
  files: Record<string, string>,
): Promise<void> {
  const entries = Object.entries(files)
  await writeFiles(
    upstream.work,
    Object.fromEntries(entries.filter(([, content]) => !content.startsWith('symlink:'))),
  )
  for (const [path, content] of entries.filter(([, value]) => value.startsWith('symlink:'))) {
    await mkdir(dirname(join(upstream.work, path)), { recursive: true })
    await run('rm', ['-rf', '--', join(upstream.work, path)])
    await symlink(content.slice('symlink:'.length), join(upstream.work, path))
  }
  await git(upstream.work, 'add', '-A')
  await git(upstream.work, 'commit', '-q', '-m', `Release ${tags[0] ?? ''}`)
  for (const tag of tags) await git(upstream.work, 'tag', '-f', tag)
  await git(upstream.work, 'push', '-q', '--force', upstream.bare, 'main', '--tags')
}

/** What the files of a directory hold, tarballs unpacked (links in them are never followed). */
export async function packageText(dir: string): Promise<string> {
  const texts: string[] = []
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    if (!(await lstat(path)).isFile()) continue
    texts.push(
      /\.tar\.(gz|xz|bz2)$/.test(name)
        ? (await run('tar', ['-x', '-O', '-f', path], { env: { TAR_OPTIONS: undefined } })).stdout
        : await readFile(path, 'utf8'),
    )
  }
  return texts.join('\n')
}

/** `dpkg-source -x` of a built .dsc into a fresh directory: the package's tree, patches applied. */
export async function unpackDsc(dsc: string): Promise<{ dir: string; code: number; output: string }> {
  const dir = join(await tempDir('pc-unpacked-'), 'tree')
  const result = await run('dpkg-source', ['-x', dsc, dir], { okCodes: [0, 2, 255], env: { LC_ALL: 'C' } })
  return { dir, code: result.code, output: `${result.stdout}${result.stderr}` }
}
