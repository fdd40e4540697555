import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePatchOutput } from '../../../src/packaging/debian/patch-output.js'
import { checkQuiltPatches } from '../../../src/packaging/debian/quilt-check.js'
import { run } from '../../../src/process/run.js'
import { writeFiles } from '../../support/git.js'
import { tempDir } from '../../support/tmp.js'
import { lines, makeDebianTree, unifiedDiff } from './fixtures.js'

const original = lines(30)
const replaceLine = (text: string, n: number, by: string): string =>
  text
    .split('\n')
    .map((line, i) => (i === n - 1 ? by : line))
    .join('\n')

describe('checkQuiltPatches', () => {
  it('applies a patch that changes one file twice (two commits in one patch, as Debian CVE patches are)', async () => {
    const once = replaceLine(original, 5, 'line 5 fixed')
    const twice = replaceLine(once, 6, 'line 6 fixed too')
    // the second diff's context holds the first diff's change: a --dry-run check would call it failing
    const twoCommits =
      (await unifiedDiff('src/main.c', original, once)) + (await unifiedDiff('src/main.c', once, twice))
    const tree = await makeDebianTree(await tempDir(), {
      files: { 'src/main.c': original },
      patches: {
        'CVE-2026-1.patch': twoCommits,
        'later.patch': await unifiedDiff('src/main.c', twice, replaceLine(twice, 7, 'x')),
      },
      series: 'CVE-2026-1.patch\nlater.patch\n',
    })
    const result = await checkQuiltPatches(tree)
    expect(result.patches.map((p) => [p.name, p.status])).toEqual([
      ['CVE-2026-1.patch', 'applies'],
      ['later.patch', 'applies'],
    ])
    // the tree itself is untouched
    expect(await readFile(join(tree, 'src/main.c'), 'utf8')).toBe(original)
  })

  it('a failing or absorbed patch leaves the tree as it was for the patches after it', async () => {
    const fixed = replaceLine(original, 5, 'line 5 fixed')
    const tree = await makeDebianTree(await tempDir(), {
      files: { 'src/main.c': fixed },
      patches: {
        // two files: the first hunk applies, the second does not; nothing of it may stay behind
        'half.patch':
          (await unifiedDiff('src/new.c', '', 'created\n')) +
          (await unifiedDiff('src/main.c', original, replaceLine(original, 20, 'line 20 patched')).then((d) =>
            d.replace(/ line 19/, ' line 19 changed'),
          )),
        'absorbed.patch': await unifiedDiff('src/main.c', original, fixed),
        'creates.patch': await unifiedDiff('src/new.c', '', 'made by the last patch\n'),
      },
      series: 'half.patch\nabsorbed.patch\ncreates.patch\n',
    })
    const result = await checkQuiltPatches(tree)
    expect(result.patches.map((p) => [p.name, p.status])).toEqual([
      ['half.patch', 'fails'],
      ['absorbed.patch', 'absorbed'],
      ['creates.patch', 'applies'],
    ])
  })

  it('tells applying, absorbed and failing patches apart, in series order', async () => {
    const first = replaceLine(original, 5, 'line 5 patched')
    const util = lines(10, 'util ')
    const utilFixed = replaceLine(util, 3, 'util 3 fixed')
    // Made against the original; upstream then changed a context line, so it only applies with fuzz 1.
    const fuzzy = await unifiedDiff('src/main.c', original, replaceLine(original, 20, 'line 20 patched'))
    const upstreamMain = replaceLine(original, 17, 'line 17 changed upstream')
    const p0 = (await unifiedDiff('src/util.c', utilFixed, replaceLine(utilFixed, 8, 'util 8 p0'))).replace(
      /^(---|\+\+\+) [ab]\//gm,
      '$1 ',
    )

    const tree = await makeDebianTree(await tempDir(), {
      files: { 'src/main.c': upstreamMain, 'src/util.c': utilFixed },
      patches: {
        'applies.patch': await unifiedDiff('src/main.c', original, first),
        'absorbed.patch': await unifiedDiff('src/util.c', util, utilFixed),
        'fuzz.patch': fuzzy,
        'needs-first.patch': await unifiedDiff('src/main.c', first, replaceLine(first, 6, 'line 6 patched')),
        'p0.patch': p0,
      },
      series:
        '# downstream\napplies.patch\nabsorbed.patch\nfuzz.patch\nneeds-first.patch\np0.patch -p0\nmissing.patch\n',
    })

    const result = await checkQuiltPatches(tree)
    expect(result.ok).toBe(false)
    expect(result.patches.map((p) => [p.name, p.status, p.level])).toEqual([
      ['applies.patch', 'applies', 1],
      ['absorbed.patch', 'absorbed', 1],
      ['fuzz.patch', 'fails', 1],
      ['needs-first.patch', 'applies', 1],
      ['p0.patch', 'applies', 0],
      ['missing.patch', 'fails', 1],
    ])
    const fuzz = result.patches[2]
    expect(fuzz?.failedFiles).toEqual(['src/main.c'])
    expect(fuzz?.failedHunks).toEqual([{ file: 'src/main.c', hunk: 1, line: 17 }])
    expect(fuzz?.output).toContain('Hunk #1 FAILED at 17.')
    // the rejected hunk itself, as `quilt push -f` leaves it in src/main.c.rej
    expect([...(fuzz?.rejects ?? new Map()).keys()]).toEqual(['src/main.c'])
    expect(fuzz?.rejects?.get('src/main.c')).toMatch(
      /^--- src\/main\.c\n\+\+\+ src\/main\.c\n@@ -\d+,\d+ \+\d+,\d+ @@\n/,
    )
    expect(result.patches[4]?.warning).toMatch(/"-p0" are ignored by dpkg-source/)
    expect(result.patches[0]?.warning).toBeUndefined()
    expect(result.patches[5]?.reason).toBe(
      'debian/patches/missing.patch is listed in debian/patches/series but does not exist',
    )

    // The fuzz patch is a real fuzz case: it applies with --fuzz=1.
    const fuzz1 = await run(
      'patch',
      ['-p1', '--fuzz=1', '--dry-run', '--batch', '-i', 'debian/patches/fuzz.patch'],
      {
        cwd: tree,
      },
    )
    expect(fuzz1.stdout).toContain('with fuzz 1')
    // The tree itself was not touched.
    expect(await readFile(join(tree, 'src/main.c'), 'utf8')).toBe(upstreamMain)
    expect(await readFile(join(tree, 'src/util.c'), 'utf8')).toBe(utilFixed)
  })

  it('reports a patch for a file that does not exist', async () => {
    const tree = await makeDebianTree(await tempDir(), {
      files: { README: 'hello\n' },
      patches: { 'gone.patch': await unifiedDiff('src/gone.c', 'a\n', 'b\n') },
    })
    const [gone] = (await checkQuiltPatches(tree)).patches
    expect(gone).toMatchObject({
      name: 'gone.patch',
      status: 'fails',
      failedFiles: ['src/gone.c'],
      reason: 'a file it patches does not exist (src/gone.c)',
    })
  })

  it('reports a patch that is only partly upstream as failing', async () => {
    const two = lines(20)
    const both = replaceLine(replaceLine(two, 3, 'three'), 17, 'seventeen')
    const tree = await makeDebianTree(await tempDir(), {
      files: { 'f.txt': replaceLine(two, 3, 'three') },
      patches: { 'both.patch': await unifiedDiff('f.txt', two, both) },
    })
    const [both1] = (await checkQuiltPatches(tree)).patches
    expect(both1?.status).toBe('fails')
    expect(both1?.failedFiles).toEqual(['f.txt'])
  })

  it('finds no patches without a series file, or with an empty one', async () => {
    const tree = await makeDebianTree(await tempDir(), { files: { README: 'hello\n' } })
    expect(await checkQuiltPatches(tree)).toEqual({ patches: [], ok: true })
    await writeFiles(tree, { 'debian/patches/series': '# none yet\n\n' })
    expect(await checkQuiltPatches(tree)).toEqual({ patches: [], ok: true })
  })
})

describe('parsePatchOutput', () => {
  it('reads files, hunks and reasons from GNU patch', () => {
    const output = [
      'checking file src/a.c',
      'Hunk #2 FAILED at 40.',
      'Hunk #3 FAILED at 90 (different line endings).',
      '2 out of 3 hunks FAILED',
      'checking file src/b.c',
      'Reversed (or previously applied) patch detected!  Skipping patch.',
      'The next patch would create the file src/new.c, which already exists!  Skipping patch.',
    ].join('\n')
    expect(parsePatchOutput(output)).toEqual({
      files: ['src/a.c', 'src/b.c', 'src/new.c'],
      hunks: [
        { file: 'src/a.c', hunk: 2, line: 40 },
        { file: 'src/a.c', hunk: 3, line: 90 },
      ],
      reason: 'part of the patch is already applied upstream (src/b.c)',
    })
  })
})
