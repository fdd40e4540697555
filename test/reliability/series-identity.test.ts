import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { linePatch } from '../support/debian-fixtures.js'
import { git } from '../support/git.js'
import { debianDir, makePlainUpstream } from '../support/plain-fixtures.js'
import { unpackDsc } from '../support/reliability-links.js'
import { forkWith } from '../support/reliability-trees.js'
import { tempDir } from '../support/tmp.js'

/**
 * The fork's quilt patch under another spelling (listed twice, `./`, with `-p1`, a name differing in
 * case) is still the fork's patch: carried once, never reported absorbed unless upstream's tree really
 * makes its change. Each built package is unpacked with dpkg-source -x and compared with the fork's
 * intended tree: upstream 1.1 plus the fork's change.
 */

const lines = (first: string, last = 'line 12') =>
  [first, ...Array.from({ length: 10 }, (_, i) => `line ${i + 2}`), last].join('\n') + '\n'
const readme = lines('app')
/** The fork's change: the first line of README. */
const fast = linePatch('README', [], 'app', 'app, fast', ['line 2', 'line 3', 'line 4'], 'fast')
/** Another change, far from the fork's: the last line. */
const other = linePatch('README', ['line 9', 'line 10', 'line 11'], 'line 12', 'line 12, up', [], 'other')
const packaging = (patches: Record<string, string> = {}, series = Object.keys(patches).join('\n')) =>
  debianDir('app', '1.0-1', {
    ...Object.fromEntries(Object.entries(patches).map(([name, text]) => [`debian/patches/${name}`, text])),
    ...(series ? { 'debian/patches/series': `${series}\n` } : {}),
  })

interface Case {
  /** Upstream's 1.1 beside the new src/app.c (upstream's own packaging, for some). */
  upstream?: Record<string, string>
  /** The fork's downstream commit on 1.0. */
  fork: Record<string, string>
  result: 'updated' | 'conflict'
  /** README of the built package. */
  readme?: string
  /** Whether the fork's branch still carries fast.patch afterwards. */
  carried: boolean
  /** What the run says it dropped as already upstream. */
  dropped: string[]
}

const cases: [string, Case][] = [
  [
    'a patch listed twice',
    {
      fork: packaging({ 'fast.patch': fast }, 'fast.patch\nfast.patch'),
      result: 'updated',
      readme: lines('app, fast'),
      carried: true,
      dropped: [],
    },
  ],
  [
    'a patch listed as ./fast.patch and as fast.patch',
    {
      fork: packaging({ 'fast.patch': fast }, './fast.patch\nfast.patch'),
      result: 'updated',
      readme: lines('app, fast'),
      carried: true,
      dropped: [],
    },
  ],
  [
    'a patch listed with -p1 and without',
    {
      fork: packaging({ 'fast.patch': fast }, 'fast.patch -p1\n# again\nfast.patch'),
      result: 'updated',
      readme: lines('app, fast'),
      carried: true,
      dropped: [],
    },
  ],
  [
    'upstream adding Fast.patch with another change (a name differing only in case)',
    {
      upstream: packaging({ 'Fast.patch': other }),
      fork: { 'debian/patches/fast.patch': fast, 'debian/patches/series': 'fast.patch\n' },
      result: 'updated',
      readme: lines('app, fast', 'line 12, up'),
      carried: true,
      dropped: [],
    },
  ],
  [
    'upstream adding Fast.patch with the very change (absorbed, truly)',
    {
      upstream: packaging({ 'Fast.patch': fast.replace('Description: fast', 'Description: taken up') }),
      fork: { 'debian/patches/fast.patch': fast, 'debian/patches/series': 'fast.patch\n' },
      result: 'updated',
      readme: lines('app, fast'),
      carried: false,
      dropped: ['debian/patches/fast.patch'],
    },
  ],
  [
    "the fork's own change under two names (fast.patch, Fast.patch)",
    {
      fork: packaging({ 'fast.patch': fast, 'Fast.patch': fast }),
      result: 'conflict',
      carried: true,
      dropped: [],
    },
  ],
  [
    'upstream source making the change itself (absorbed, truly)',
    {
      upstream: { README: lines('app, fast') },
      fork: packaging({ 'fast.patch': fast }),
      result: 'updated',
      readme: lines('app, fast'),
      carried: false,
      dropped: ['debian/patches/fast.patch'],
    },
  ],
]

/** Every file of a tree outside debian/ and .pc/, with its contents. */
async function upstreamFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = relative(dir, join(entry.parentPath, entry.name))
    if (entry.isFile() && !/^(debian|\.pc)\//.test(path))
      files[path] = await readFile(join(dir, path), 'utf8')
  }
  return files
}

describe("the fork's patch under another spelling is still the fork's patch", () => {
  it.each(cases)('%s', async (_label, c) => {
    const upstream = await makePlainUpstream()
    const withPackaging = c.upstream && Object.keys(c.upstream).some((path) => path.startsWith('debian/'))
    await upstream.release(['v1.0'], {
      'src/app.c': 'int v = 10;\n',
      README: readme,
      ...(withPackaging ? packaging() : {}),
    })
    await upstream.release(['v1.1'], { 'src/app.c': 'int v = 11;\n', README: readme, ...c.upstream })
    const fork = await forkWith(upstream, 'v1.0', { subject: 'Carry fast.patch', files: c.fork })
    const result = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'v*',
      'output-dir': await tempDir('pc-out-'),
      'work-dir': await tempDir('pc-work-'),
    })
    expect(result.outputs.result).toBe(c.result)
    if (c.dropped.length === 0) expect(result.summary).not.toMatch(/already upstream/)
    for (const name of c.dropped) expect(result.summary).toMatch(new RegExp(`already upstream[^]*${name}`))
    const head = await git(fork.bare, 'rev-parse', 'refs/heads/main')
    const series = await git(fork.bare, 'show', `${head}:debian/patches/series`)
    const files = await git(fork.bare, 'ls-tree', '--name-only', `${head}:debian/patches`)
    expect(/^(\.\/)?fast\.patch\b/m.test(series) && files.split('\n').includes('fast.patch')).toBe(c.carried)
    if (c.result === 'conflict') {
      expect(result.summary).toMatch(/an earlier downstream patch already makes its change/)
      return
    }
    const dsc = (JSON.parse(result.outputs.files!) as string[]).find((file) => file.endsWith('.dsc'))!
    const unpacked = await unpackDsc(dsc)
    expect(unpacked.code).toBe(0)
    expect(await upstreamFiles(unpacked.dir)).toEqual({ 'src/app.c': 'int v = 11;\n', README: c.readme })
  })
})
