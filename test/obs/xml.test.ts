import { describe, expect, it } from 'vitest'
import { attr, children, escapeXml, parseRoot, statusSummary } from '../../src/obs/xml.js'

describe('OBS XML', () => {
  it('escapes every markup character and reads entities back', () => {
    const name = `a&b<c>"d"'e'é`
    const xml = `<directory name="p"><entry name="${escapeXml(name)}" md5="0123"/><entry name="&#39;&#x27;"/></directory>`
    const entries = children(parseRoot(xml, 'directory'), 'entry')
    expect(entries.map((entry) => attr(entry, 'name'))).toEqual([name, `''`])
    expect(attr(entries[0]!, 'md5')).toBe('0123')
  })

  it('reads empty listings, single entries and error documents', () => {
    expect(
      children(parseRoot('<directory name="p" srcmd5="d4">\n</directory>', 'directory'), 'entry'),
    ).toEqual([])
    const one = parseRoot(
      '<directory rev="4"><serviceinfo code="running" /><entry name="x" /></directory>',
      'directory',
    )
    expect(children(one, 'entry')).toHaveLength(1)
    expect(attr(one, 'rev')).toBe('4')
    expect(statusSummary('<status code="400">\n  <summary>unknown &lt;x&gt;</summary>\n</status>\n')).toBe(
      'unknown <x>',
    )
    expect(statusSummary('plain text')).toBeUndefined()
    expect(() => parseRoot('<other/>', 'directory')).toThrow(/no <directory>/)
  })
})
