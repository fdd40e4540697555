import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { sourceBuildError } from '../../src/packaging/debian/build-errors.js'
import { runAction } from '../support/action.js'
import { linePatch } from '../support/debian-fixtures.js'
import { git } from '../support/git.js'
import { debianDir, makePlainUpstream, type PlainUpstream } from '../support/plain-fixtures.js'
import { unpackDsc } from '../support/reliability-links.js'
import { forkWith } from '../support/reliability-trees.js'
import { tempDir } from '../support/tmp.js'

/**
 * An upstream whose .gitattributes make `git archive` differ from git's tree (export-ignore on a
 * directory and a pattern, export-subst, ident, eol, a filter with no driver): the orig tarball made by
 * git archive and the tree handed to dpkg-source agree, so it builds, and the package unpacks to what the
 * tarball holds plus the fork's patch. Where they cannot agree, the error names .gitattributes and the
 * files, in words.
 */

const attributes = [
  'tests export-ignore',
  '*.md export-ignore',
  'version.txt export-subst',
  'id.c ident',
  'crlf.txt text eol=crlf',
  'blob.bin filter=lfs',
].join('\n')
const source = {
  '.gitattributes': `${attributes}\n`,
  README: 'app\n',
  'NOTES.md': 'notes\n',
  'tests/run.sh': 'echo ok\n',
  'version.txt': 'version $Format:%H$\nline 2\nline 3\nline 4\nline 5\n',
  'id.c': '/* $Id$ */\nint id;\n',
  'crlf.txt': 'a\nb\n',
  'blob.bin': 'not really lfs\n',
}
const readmePatch = linePatch('README', [], 'app', 'app, fast', [])
const packaging = (extra: Record<string, string> = {}) =>
  debianDir('app', '1.0-1', {
    'debian/patches/readme.patch': readmePatch,
    'debian/patches/series': 'readme.patch\n',
    ...extra,
  })

let upstream: PlainUpstream
beforeAll(async () => {
  upstream = await makePlainUpstream()
  await upstream.release(['v1.0'], { ...source, 'src/app.c': 'int v = 10;\n' })
  await upstream.release(['v1.1'], { ...source, 'src/app.c': 'int v = 11;\n' })
})

async function sync(files: Record<string, string>) {
  const fork = await forkWith(upstream, 'v1.0', { files })
  const before = await fork.refs()
  const result = await runAction({
    'remote-url': fork.url,
    'upstream-url': upstream.url,
    'upstream-tags': 'v*',
    'output-dir': await tempDir('pc-out-'),
    'work-dir': await tempDir('pc-work-'),
  })
  return { result, fork, before }
}

/** Every file of a tree outside debian/, with its contents. */
async function filesOf(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = relative(dir, join(entry.parentPath, entry.name))
    if (entry.isFile() && !/^(debian|\.pc)\//.test(path))
      files[path] = await readFile(join(dir, path), 'utf8')
  }
  return files
}

const failure = (stdout: string) => (/^::error::(.*)$/m.exec(stdout)?.[1] ?? '').replace(/%0A/g, '\n')

describe("upstream's .gitattributes", () => {
  it('builds: the package holds what git archive put into the orig tarball, plus the patch', async () => {
    const { result } = await sync(packaging())
    expect(result.code).toBe(0)
    expect(result.outputs.result).toBe('updated')
    expect(result.summary).toMatch(
      /\.gitattributes: the tree given to dpkg-source matches the git archive orig/,
    )
    const dsc = (JSON.parse(result.outputs.files!) as string[]).find((file) => file.endsWith('.dsc'))!
    const unpacked = await unpackDsc(dsc)
    expect(unpacked.code).toBe(0)
    const v11 = await git(upstream.bare, 'rev-parse', 'refs/tags/v1.1^{commit}')
    const idBlob = await git(upstream.bare, 'rev-parse', 'refs/tags/v1.1:id.c')
    expect(await filesOf(unpacked.dir)).toEqual({
      '.gitattributes': `${attributes}\n`,
      README: 'app, fast\n',
      'version.txt': `version ${v11}\nline 2\nline 3\nline 4\nline 5\n`,
      'id.c': `/* $Id: ${idBlob} $ */\nint id;\n`,
      'crlf.txt': 'a\r\nb\r\n',
      'blob.bin': 'not really lfs\n',
      'src/app.c': 'int v = 11;\n',
    })
  })

  it('a downstream change to an export-ignore file: the error names .gitattributes and the file', async () => {
    const { result, fork, before } = await sync({ ...packaging(), 'tests/run.sh': 'echo fork\n' })
    expect(result.code).toBe(1)
    const message = failure(result.stdout)
    expect(message).toMatch(
      /upstream's \.gitattributes set tests\/run\.sh \(export-ignore: git archive leaves/,
    )
    expect(message).not.toMatch(/[{}]/)
    expect(await fork.refs()).toEqual(before)
  })

  it('a quilt patch made against an unfilled $Format$ line: the error names .gitattributes and the file', async () => {
    const versionPatch = linePatch('version.txt', ['version $Format:%H$'], 'line 2', 'line 2, fork', [
      'line 3',
    ])
    const { result } = await sync(
      packaging({
        'debian/patches/version.patch': versionPatch,
        'debian/patches/series': 'readme.patch\nversion.patch\n',
      }),
    )
    expect(result.code).toBe(1)
    expect(failure(result.stdout)).toMatch(
      /^dpkg-source: patch version\.patch does not apply to the orig tarball; upstream's \.gitattributes set version\.txt \(export-subst/,
    )
  })

  it('dpkg-source finding unrecorded changes is told in words, not as an object dump', async () => {
    const error = await sourceBuildError(
      { kind: 'upstream-changes', files: ['src/a.c', 'NOTES.md'], output: 'dpkg-source: error: aborting' },
      await tempDir('pc-tree-'),
      { ignored: ['NOTES.md'], substituted: [], converted: [] },
    )
    expect(error.message).toBe(
      'dpkg-source: the tree differs from the orig tarball outside debian/ where no quilt patch says so ' +
        "(src/a.c, NOTES.md); upstream's .gitattributes set NOTES.md (export-ignore: git archive leaves them " +
        'out of the orig tarball): leave these files as upstream has them, or build on upstream’s own ' +
        'tarball (orig-source pristine-tar):\ndpkg-source: error: aborting',
    )
  })
})
