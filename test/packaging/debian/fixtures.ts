import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GitRepo } from '../../../src/git/repo.js'
import { run } from '../../../src/process/run.js'
import { commitFiles, git, writeFiles } from '../../support/git.js'

/** A small Debian source package: upstream files, components, quilt patches, extra packaging files. */
export interface DebianFixture {
  source?: string
  upstreamVersion?: string
  /** Debian revision (default `1`). */
  revision?: string
  /** Upstream files (path → content). */
  files: Record<string, string>
  /** Orig components: directory name → files inside it. */
  components?: Record<string, Record<string, string>>
  /** Quilt patches (name → patch text); series in insertion order unless `series` is given. */
  patches?: Record<string, string>
  series?: string
  /** More files of the packaging side (anywhere in the tree: `debian/…`, `.github/…`). */
  extra?: Record<string, string>
}

export const CHANGELOG_DATE = 'Thu, 01 Jan 2026 00:00:00 +0000'

/** Upstream files including the component directories. */
export function upstreamFiles(fixture: DebianFixture): Record<string, string> {
  const files = { ...fixture.files }
  for (const [component, inside] of Object.entries(fixture.components ?? {})) {
    for (const [path, content] of Object.entries(inside)) files[`${component}/${path}`] = content
  }
  return files
}

/** The debian/ directory (and extra packaging files) of a fixture. */
export function packagingFiles(fixture: DebianFixture): Record<string, string> {
  const source = fixture.source ?? 'hello'
  const version = `${fixture.upstreamVersion ?? '1.0'}-${fixture.revision ?? '1'}`
  const files: Record<string, string> = {
    'debian/changelog': `${source} (${version}) unstable; urgency=medium\n\n  * Initial release.\n\n -- Fixture Author <author@example.org>  ${CHANGELOG_DATE}\n`,
    'debian/control':
      `Source: ${source}\nMaintainer: Fixture Author <author@example.org>\nStandards-Version: 4.6.2\n\n` +
      `Package: ${source}\nArchitecture: any\nDescription: fixture package\n a package for the tests\n`,
    'debian/source/format': '3.0 (quilt)\n',
    'debian/rules': '#!/usr/bin/make -f\n%:\n\tdh $@\n',
  }
  const patches = fixture.patches ?? {}
  for (const [name, text] of Object.entries(patches)) files[`debian/patches/${name}`] = text
  const series =
    fixture.series ??
    Object.keys(patches)
      .map((name) => `${name}\n`)
      .join('')
  if (series) files['debian/patches/series'] = series
  return { ...files, ...fixture.extra }
}

/** Writes the unpacked source tree `<parent>/<source>-<upstreamVersion>` (patches unapplied); returns its path. */
export async function makeDebianTree(parent: string, fixture: DebianFixture): Promise<string> {
  const tree = join(parent, `${fixture.source ?? 'hello'}-${fixture.upstreamVersion ?? '1.0'}`)
  await mkdir(tree, { recursive: true })
  await writeFiles(tree, { ...upstreamFiles(fixture), ...packagingFiles(fixture) })
  return tree
}

/**
 * A git repository holding the fixture as a fork: an upstream commit tagged `upstream/<uv>`, then
 * the packaging commit on top (HEAD).
 */
export async function makeDebianRepo(
  dir: string,
  fixture: DebianFixture,
): Promise<{ repo: GitRepo; upstream: string; head: string }> {
  await git(dir, 'init', '-q', '-b', 'main')
  const upstream = await commitFiles(dir, 'upstream release', upstreamFiles(fixture))
  await git(dir, 'tag', `upstream/${fixture.upstreamVersion ?? '1.0'}`)
  const head = await commitFiles(dir, 'packaging', packagingFiles(fixture))
  return { repo: new GitRepo(join(dir, '.git'), dir), upstream, head }
}

/** A unified diff (`a/`, `b/` prefixes) turning `before` into `after` for one file, made by GNU diff. */
export async function unifiedDiff(path: string, before: string, after: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pc-diff-'))
  try {
    await writeFile(join(dir, 'before'), before)
    await writeFile(join(dir, 'after'), after)
    const result = await run(
      'diff',
      ['-u', '--label', `a/${path}`, '--label', `b/${path}`, 'before', 'after'],
      {
        cwd: dir,
        okCodes: [1],
      },
    )
    return result.stdout
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Numbered lines `prefix1\n…prefixN\n`, handy file contents for patch contexts. */
export function lines(count: number, prefix = 'line '): string {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}\n`).join('')
}
