import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { parseChangelog } from '../../../src/packaging/debian/changelog.js'
import { mergeChangelogs } from '../../../src/packaging/debian/merge-changelog.js'

function entry(version: string, change: string, date = 'Thu, 01 Jan 2026 00:00:00 +0000'): string {
  return `hello (${version}) unstable; urgency=medium\n\n  * ${change}\n\n -- A Person <a@example.org>  ${date}\n`
}

const base = entry('1.0-1', 'Initial release.')

async function ourTempDirs(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('patch-carrier-changelog-'))
}

describe('mergeChangelogs', () => {
  it('keeps the entries both sides added, newest version first, without conflict', async () => {
    const ours = `${entry('1.1-1', 'New upstream release.')}\n${entry('1.0-2', 'Security fix.')}\n${base}`
    const theirs = `${entry('1.0-1+carrier1', 'Carry the debounce patch.')}\n${base}`
    const before = await ourTempDirs()
    const merged = await mergeChangelogs(base, ours, theirs)
    expect(merged.conflict).toBe(false)
    expect(parseChangelog(merged.text).map((e) => e.version)).toEqual([
      '1.1-1',
      '1.0-2',
      '1.0-1+carrier1',
      '1.0-1',
    ])
    expect(merged.text).not.toContain('<<<<<<<')
    expect(await ourTempDirs()).toEqual(before)
  })

  it('reports a true conflict with markers', async () => {
    const ours = `${entry('1.1-1', 'Upstream wording.')}\n${base}`
    const theirs = `${entry('1.1-1', 'Downstream wording.')}\n${base}`
    const before = await ourTempDirs()
    const merged = await mergeChangelogs(base, ours, theirs)
    expect(merged.conflict).toBe(true)
    expect(merged.text).toMatch(/^<<<<<<<$/m)
    expect(merged.text).toMatch(/^>>>>>>>$/m)
    expect(merged.text).toContain('Upstream wording.')
    expect(merged.text).toContain('Downstream wording.')
    expect(await ourTempDirs()).toEqual(before)
  })

  it('merges when a side has no changelog yet', async () => {
    const merged = await mergeChangelogs('', base, `${entry('1.0-1+carrier1', 'Carry.')}\n${base}`)
    expect(merged.conflict).toBe(false)
    expect(parseChangelog(merged.text).map((e) => e.version)).toEqual(['1.0-1+carrier1', '1.0-1'])
  })

  it('refuses a side it cannot parse instead of losing its text', async () => {
    await expect(mergeChangelogs(base, 'not a changelog\n', base)).rejects.toThrow(
      /cannot merge the upstream debian\/changelog: debian\/changelog: line 1 is not an entry header/,
    )
  })
})
