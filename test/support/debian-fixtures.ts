import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { tempDir } from './tmp.js'
import { commitFiles, fixtureEnv, git, writeFiles } from './git.js'

/** A quilt patch that changes one line of a file: `from` → `to`. */
export function linePatch(
  file: string,
  before: string[],
  from: string,
  to: string,
  after: string[],
  subject = 'change',
): string {
  const start = 1
  const body = [...before.map((l) => ` ${l}`), `-${from}`, `+${to}`, ...after.map((l) => ` ${l}`)]
  const count = before.length + 1 + after.length
  return [
    `Description: ${subject}`,
    '---',
    `--- a/${file}`,
    `+++ b/${file}`,
    `@@ -${start},${count} +${start},${count} @@`,
    ...body,
    '',
  ].join('\n')
}

/** The `main.c` of the fixtures' hello package. */
export const helloMainC = (greeting: string, signature = 'int main(void) {'): string =>
  `#include <stdio.h>\n${signature}\n  puts("${greeting}");\n  return 0;\n}\n`

/** The fixtures' downstream quilt patch: `hello` → `hello, fast` in main.c. */
export const fastPatch = linePatch(
  'main.c',
  ['#include <stdio.h>', 'int main(void) {'],
  '  puts("hello");',
  '  puts("hello, fast");',
  ['  return 0;', '}'],
)

export interface DebianRelease {
  /** Full Debian version, e.g. `1:1.0-1`. */
  version: string
  /** Upstream source files (replacing the previous release's). */
  source: Record<string, string>
  /** debian/patches/<name> → content; the series lists them in this order. */
  patches?: Record<string, string>
  /** Record the orig tarball in the pristine-tar branch. */
  pristineTar?: boolean
}

export interface DebianUpstream {
  url: string
  bare: string
  work: string
  source: string
  /** Adds a release: upstream/<uv> tag on the upstream branch, merged into debian/latest, tagged DEP-14. */
  release(release: DebianRelease): Promise<void>
  /** Commits packaging changes on debian/latest (path → content, or a function of the old content) and tags them. */
  packagingRelease(tag: string, files: Record<string, string | ((old: string) => string)>): Promise<void>
}

const dep14 = (version: string) => version.replace(/:/g, '%').replace(/~/g, '_')
const upstreamOf = (version: string) => version.replace(/^\d+:/, '').replace(/-[^-]*$/, '')

export function changelogEntry(
  source: string,
  version: string,
  text: string,
  date = 'Thu, 01 Jan 2026 00:00:00 +0000',
): string {
  return `${source} (${version}) unstable; urgency=medium\n\n  * ${text}\n\n -- Upstream Maintainer <up@example.org>  ${date}\n\n`
}

/**
 * An upstream packaging repository in the DEP-14 / gbp layout, as on Debian's salsa: an `upstream`
 * branch with `upstream/<version>` tags, `debian/latest` with `debian/<version>` tags, and a
 * `pristine-tar` branch; served as a bare repository over file://.
 */
export async function makeDebianUpstream(
  options: { source?: string; components?: string[] } = {},
): Promise<DebianUpstream> {
  const source = options.source ?? 'hello'
  const root = await tempDir('pc-upstream-')
  const work = join(root, 'work')
  const bare = join(root, 'upstream.git')
  await mkdir(work)
  await git(work, 'init', '-q', '-b', 'debian/latest')
  await git(root, 'init', '-q', '--bare', bare)
  await git(bare, 'config', 'uploadpack.allowFilter', 'true')
  let first = true
  const upstream: DebianUpstream = {
    url: `file://${bare}`,
    bare,
    work,
    source,
    async release(release) {
      const uv = upstreamOf(release.version)
      // upstream branch: the plain source (a Debian-only revision reuses the upstream release)
      const known = await run(
        'git',
        ['rev-parse', '--verify', '--quiet', `refs/tags/upstream/${dep14(uv)}`],
        { cwd: work, okCodes: [0, 1] },
      )
      if (known.code !== 0) {
        if (first) await git(work, 'checkout', '-q', '--orphan', 'upstream')
        else await git(work, 'checkout', '-q', 'upstream')
        await git(work, 'rm', '-rq', '--ignore-unmatch', '.')
        await commitFiles(work, `New upstream version ${uv}`, release.source)
        await git(work, 'tag', `upstream/${dep14(uv)}`)
        if (release.pristineTar) {
          const tarball = join(root, `${source}_${uv}.orig.tar.gz`)
          await run(
            'git',
            ['archive', '--format=tar.gz', `--prefix=${source}-${uv}/`, '-o', tarball, 'HEAD'],
            { cwd: work, env: fixtureEnv },
          )
          await run('pristine-tar', ['commit', tarball, `upstream/${dep14(uv)}`], {
            cwd: work,
            env: fixtureEnv,
          })
        }
      }
      // packaging branch: merge upstream, then debian/
      if (first) {
        await git(work, 'checkout', '-q', '-b', 'debian/latest', 'upstream')
      } else {
        await git(work, 'checkout', '-q', 'debian/latest')
        await git(work, 'merge', '-q', '--no-edit', '-X', 'theirs', `upstream/${dep14(uv)}`)
        // files removed upstream go from the packaging branch too
        for (const path of (await git(work, 'ls-files')).split('\n').filter(Boolean)) {
          if (!path.startsWith('debian/') && !(path in release.source)) await git(work, 'rm', '-q', path)
        }
      }
      const previous = first ? '' : await readFile(join(work, 'debian/changelog'), 'utf8')
      const patches = release.patches ?? {}
      const files: Record<string, string> = {
        'debian/changelog': changelogEntry(source, release.version, `Release ${release.version}.`) + previous,
        'debian/control': `Source: ${source}\nSection: misc\nPriority: optional\nMaintainer: Upstream Maintainer <up@example.org>\nStandards-Version: 4.6.2\n\nPackage: ${source}\nArchitecture: any\nDescription: test package\n test package\n`,
        'debian/rules': '#!/usr/bin/make -f\n%:\n\tdh $@\n',
        'debian/source/format': '3.0 (quilt)\n',
        ...Object.fromEntries(
          Object.entries(patches).map(([name, text]) => [`debian/patches/${name}`, text]),
        ),
      }
      if (Object.keys(patches).length > 0)
        files['debian/patches/series'] = Object.keys(patches).join('\n') + '\n'
      await writeFiles(work, files)
      await git(work, 'add', '-A')
      await git(work, 'commit', '-q', '-m', `Release ${release.version}`)
      await git(work, 'tag', `debian/${dep14(release.version)}`)
      await git(work, 'push', '-q', '--force', bare, '--all')
      await git(work, 'push', '-q', '--force', bare, '--tags')
      first = false
    },
    async packagingRelease(tag, files) {
      await git(work, 'checkout', '-q', 'debian/latest')
      const contents: Record<string, string> = {}
      for (const [path, change] of Object.entries(files)) {
        contents[path] =
          typeof change === 'string' ? change : change(await readFile(join(work, path), 'utf8'))
      }
      await commitFiles(work, `Packaging change for ${tag}`, contents)
      await git(work, 'tag', tag)
      await git(work, 'push', '-q', '--force', bare, '--all')
      await git(work, 'push', '-q', '--force', bare, '--tags')
    },
  }
  return upstream
}

export interface Fork {
  url: string
  bare: string
  work: string
  branch: string
  /** Commits files on the fork branch and pushes them. */
  commit(message: string, files: Record<string, string>): Promise<string>
  /** The fork's refs as the server sees them. */
  refs(): Promise<Map<string, string>>
  head(): Promise<string>
}

/** A fork of `upstreamUrl` at `tag`: a bare repository with `branch` and the given downstream commits. */
export async function makeFork(upstreamUrl: string, tag: string, branch = 'main'): Promise<Fork> {
  const root = await tempDir('pc-fork-')
  const work = join(root, 'work')
  const bare = join(root, 'fork.git')
  await git(root, 'clone', '-q', '--no-checkout', upstreamUrl, work)
  await git(work, 'checkout', '-q', '-b', branch, `refs/tags/${tag}`)
  await git(root, 'init', '-q', '--bare', '-b', branch, bare)
  await git(bare, 'config', 'uploadpack.allowFilter', 'true')
  await git(work, 'push', '-q', bare, `HEAD:refs/heads/${branch}`)
  return forkOf(bare, work, branch)
}

/** The handle of a fork: a bare repository served over file:// and a work tree that pushes to it. */
export function forkOf(bare: string, work: string, branch: string): Fork {
  return {
    url: `file://${bare}`,
    bare,
    work,
    branch,
    async commit(message, files) {
      await git(work, 'fetch', '-q', bare, `+refs/heads/${branch}:refs/remotes/fork/${branch}`)
      await git(work, 'reset', '-q', '--hard', `refs/remotes/fork/${branch}`)
      const sha = await commitFiles(work, message, files)
      await git(work, 'push', '-q', bare, `HEAD:refs/heads/${branch}`)
      return sha
    },
    async refs() {
      const out = await git(bare, 'for-each-ref', '--format=%(refname) %(objectname)')
      return new Map(
        out
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(' ') as [string, string]),
      )
    },
    head: () => git(bare, 'rev-parse', `refs/heads/${branch}`),
  }
}

/** Adds a downstream quilt patch: the file and a series line appended. */
export async function addDownstreamPatch(
  fork: Fork,
  name: string,
  text: string,
  message = `Add ${name}`,
): Promise<string> {
  await git(
    fork.work,
    'fetch',
    '-q',
    fork.bare,
    `+refs/heads/${fork.branch}:refs/remotes/fork/${fork.branch}`,
  )
  await git(fork.work, 'reset', '-q', '--hard', `refs/remotes/fork/${fork.branch}`)
  const series = await readFile(join(fork.work, 'debian/patches/series'), 'utf8').catch(() => '')
  return fork.commit(message, {
    [`debian/patches/${name}`]: text,
    'debian/patches/series': `${series}${name}\n`,
  })
}
