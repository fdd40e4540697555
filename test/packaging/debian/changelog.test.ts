import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  formatChangelogEntry,
  parseChangelog,
  parseChangelogDate,
  prependChangelogEntry,
  type NewChangelogEntry,
} from '../../../src/packaging/debian/changelog.js'
import { run } from '../../../src/process/run.js'
import { tempDir } from '../../support/tmp.js'

const existing = `hello (1.0-1) unstable; urgency=low

  * Initial release. Closes: #1234
    Second line of the item.

  * Another item.

 -- Jane Doe <jane@example.org>  Mon, 02 Mar 2025 10:20:30 +0100

hello (0.9-1) experimental; urgency=medium

  * Pre-release.

 -- Jane Doe <jane@example.org>  Sun, 01 Dec 2024 08:00:00 -0500
`

const entry: NewChangelogEntry = {
  source: 'hello',
  version: '1.1-1+carrier1',
  distribution: 'UNRELEASED',
  changes: ['Rebased onto upstream tag v1.1.', 'Carried:\n  - remove the debounce (abc123)'],
  maintainer: 'patch-carrier <patch-carrier@users.noreply.github.com>',
  date: new Date('2026-01-01T00:00:00Z'),
}

/** dpkg-parsechangelog's fields for the top entry of a changelog file. */
async function dpkgParse(file: string, ...args: string[]): Promise<string> {
  return (await run('dpkg-parsechangelog', ['-l', file, ...args])).stdout
}

describe('formatChangelogEntry', () => {
  it('writes the canonical layout', () => {
    expect(formatChangelogEntry(entry)).toBe(
      'hello (1.1-1+carrier1) UNRELEASED; urgency=medium\n' +
        '\n' +
        '  * Rebased onto upstream tag v1.1.\n' +
        '  * Carried:\n' +
        '    - remove the debounce (abc123)\n' +
        '\n' +
        ' -- patch-carrier <patch-carrier@users.noreply.github.com>  Thu, 01 Jan 2026 00:00:00 +0000\n',
    )
  })

  it('writes dates in UTC with a zero-padded day', () => {
    const text = formatChangelogEntry({
      ...entry,
      urgency: 'high',
      date: new Date('2026-03-05T23:04:05-02:00'),
    })
    expect(text).toContain(
      ' -- patch-carrier <patch-carrier@users.noreply.github.com>  Fri, 06 Mar 2026 01:04:05 +0000\n',
    )
    expect(text.split('\n')[0]).toBe('hello (1.1-1+carrier1) UNRELEASED; urgency=high')
  })

  it('refuses values that would corrupt the file', () => {
    expect(() => formatChangelogEntry({ ...entry, maintainer: 'nobody' })).toThrow(/maintainer.*Name <email>/)
    expect(() => formatChangelogEntry({ ...entry, version: '1.0 beta' })).toThrow(/version/)
    expect(() => formatChangelogEntry({ ...entry, distribution: 'a;b' })).toThrow(/distribution/)
    expect(() => formatChangelogEntry({ ...entry, changes: [' '] })).toThrow(/change line/)
    expect(() => formatChangelogEntry({ ...entry, date: new Date('nonsense') })).toThrow(/date/)
  })
})

describe('prependChangelogEntry', () => {
  it('round-trips through dpkg-parsechangelog', async () => {
    const dir = await tempDir()
    const file = join(dir, 'changelog')
    await writeFile(file, prependChangelogEntry(existing, entry))

    const fields = await dpkgParse(file)
    expect(fields).toContain('Source: hello\n')
    expect(fields).toContain('Version: 1.1-1+carrier1\n')
    expect(fields).toContain('Distribution: UNRELEASED\n')
    expect(fields).toContain('Urgency: medium\n')
    expect(fields).toContain('Maintainer: patch-carrier <patch-carrier@users.noreply.github.com>\n')
    expect(fields).toContain('Date: Thu, 01 Jan 2026 00:00:00 +0000\n')
    expect(fields).toContain(`Timestamp: ${Date.parse('2026-01-01T00:00:00Z') / 1000}\n`)
    expect(fields).toContain('   * Carried:\n     - remove the debounce (abc123)\n')

    const all = await dpkgParse(file, '--all', '--format', 'rfc822')
    expect([...all.matchAll(/^Version: (.*)$/gm)].map((m) => m[1])).toEqual([
      '1.1-1+carrier1',
      '1.0-1',
      '0.9-1',
    ])

    const [top, second, third] = parseChangelog(await readFile(file, 'utf8'))
    expect(top).toMatchObject({
      source: 'hello',
      version: '1.1-1+carrier1',
      distributions: ['UNRELEASED'],
      urgency: 'medium',
      maintainer: entry.maintainer,
      date: 'Thu, 01 Jan 2026 00:00:00 +0000',
      changes: '  * Rebased onto upstream tag v1.1.\n  * Carried:\n    - remove the debounce (abc123)',
      line: 1,
    })
    expect(second?.version).toBe('1.0-1')
    expect(third?.version).toBe('0.9-1')
  })

  it('makes the first entry of an empty changelog', () => {
    expect(prependChangelogEntry('', entry)).toBe(formatChangelogEntry(entry))
  })
})

describe('parseChangelog', () => {
  it('reads every entry, keeping the change lines as written', () => {
    const entries = parseChangelog(existing)
    expect(entries).toHaveLength(2)
    expect(entries[0]).toEqual({
      source: 'hello',
      version: '1.0-1',
      distributions: ['unstable'],
      urgency: 'low',
      metadata: { urgency: 'low' },
      changes: '  * Initial release. Closes: #1234\n    Second line of the item.\n\n  * Another item.',
      maintainer: 'Jane Doe <jane@example.org>',
      date: 'Mon, 02 Mar 2025 10:20:30 +0100',
      line: 1,
    })
    expect(entries[1]).toMatchObject({ version: '0.9-1', distributions: ['experimental'], line: 10 })
  })

  it('reads several distributions, epochs and extra metadata', () => {
    const [top] = parseChangelog(
      'dovecot (1:2.3.21+dfsg1-3) unstable bookworm-security; urgency=high, binary-only=yes\n\n  * Fix.\n\n -- A <a@b.c>  Tue, 06 Feb 2024 12:00:00 +0000\n',
    )
    expect(top).toMatchObject({
      source: 'dovecot',
      version: '1:2.3.21+dfsg1-3',
      distributions: ['unstable', 'bookworm-security'],
      urgency: 'high',
      metadata: { urgency: 'high', 'binary-only': 'yes' },
    })
  })

  it('stops at a tail that is not an entry (old formats, editor variables)', () => {
    const entries = parseChangelog(
      `${existing}\nOld Changelog:\n\nLocal variables:\nmode: debian-changelog\nEnd:\n`,
    )
    expect(entries.map((e) => e.version)).toEqual(['1.0-1', '0.9-1'])
  })

  it('names debian/changelog and the line when the top entry is malformed', () => {
    expect(() => parseChangelog('\nhello 1.0-1 unstable; urgency=medium\n')).toThrow(
      /debian\/changelog: line 2 is not an entry header.*: hello 1\.0-1 unstable; urgency=medium/,
    )
    expect(() => parseChangelog('hello (1.0-1) unstable; urgency=medium\n\n  * x\n')).toThrow(
      /debian\/changelog: the entry at line 1 .* has no trailer line/,
    )
    expect(() => parseChangelog('')).toThrow(/debian\/changelog holds no entry/)
  })
})

describe('parseChangelogDate', () => {
  it('honours the zone offset', () => {
    expect(parseChangelogDate('Mon, 02 Mar 2025 10:20:30 +0100')?.toISOString()).toBe(
      '2025-03-02T09:20:30.000Z',
    )
    expect(parseChangelogDate('Sun,  1 Dec 2024 08:00:00 -0500')?.toISOString()).toBe(
      '2024-12-01T13:00:00.000Z',
    )
    expect(parseChangelogDate('yesterday')).toBeUndefined()
  })
})
