import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDir } from './tmp.js'
import { commitFiles, git } from './git.js'

export interface PlainUpstream {
  url: string
  bare: string
  work: string
  /** Commits the files (path → content) and tags the commit with each of `tags`; returns the sha. */
  release(tags: string[], files: Record<string, string>): Promise<string>
}

/** A plain upstream project with release tags such as `v2.4.1`, served as a bare repository over file://. */
export async function makePlainUpstream(): Promise<PlainUpstream> {
  const root = await tempDir('pc-plain-')
  const work = join(root, 'work')
  const bare = join(root, 'upstream.git')
  await mkdir(work)
  await git(work, 'init', '-q', '-b', 'main')
  await git(root, 'init', '-q', '--bare', bare)
  await git(bare, 'config', 'uploadpack.allowFilter', 'true')
  return {
    url: `file://${bare}`,
    bare,
    work,
    async release(tags, files) {
      const sha = await commitFiles(work, `Release ${tags[0] ?? ''}`, files)
      // update-ref, not `git tag`: it takes names `git tag` refuses (a leading '-'), as a server may hold them
      for (const tag of tags) await git(work, 'update-ref', `refs/tags/${tag}`, sha)
      await git(
        work,
        'push',
        '-q',
        '--force',
        bare,
        'refs/heads/main:refs/heads/main',
        'refs/tags/*:refs/tags/*',
      )
      return sha
    },
  }
}

/** Debian packaging a fork adds on top of a plain upstream release. */
export function debianDir(
  source: string,
  version: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'debian/changelog': `${source} (${version}) unstable; urgency=medium\n\n  * Packaged.\n\n -- Fork Maintainer <fork@example.org>  Thu, 01 Jan 2026 00:00:00 +0000\n`,
    'debian/control': `Source: ${source}\nMaintainer: Fork Maintainer <fork@example.org>\n\nPackage: ${source}\nArchitecture: any\nDescription: test\n test\n`,
    'debian/rules': '#!/usr/bin/make -f\n%:\n\tdh $@\n',
    'debian/source/format': '3.0 (quilt)\n',
    ...extra,
  }
}
