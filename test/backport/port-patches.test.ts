import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { portPatches } from '../../src/backport/port-patches.js'
import { parseSeries } from '../../src/packaging/debian/series.js'
import { quiltPatch } from '../support/backport-fixtures.js'
import { fastPatch, helloMainC } from '../support/debian-fixtures.js'
import { writeFiles } from '../support/git.js'
import { tempDir } from '../support/tmp.js'

/** Debian's fix of the include line: fast.patch's context has that line, and this one's context fast's line. */
const include = quiltPatch('Description: check the include (CVE-2026-0100)\n---', {
  path: 'main.c',
  start: 1,
  before: [],
  from: '#include <stdio.h>',
  to: '#include <stdio.h> /* checked */',
  after: ['int main(void) {', '  puts("hello");', '  return 0;'],
})

describe('porting patches onto the fork’s files', () => {
  it('moves a patch that would break a fork patch after it to the end, refreshed there', async () => {
    const dir = await tempDir('pc-port-')
    await writeFiles(dir, {
      'main.c': helloMainC('hello'),
      'debian/patches/series': 'debian-paths.patch\nfast.patch\n',
      // the fork's first patch, in a file no other patch touches
      'debian/patches/debian-paths.patch': quiltPatch('', {
        path: 'paths.h',
        start: 1,
        before: [],
        from: 'a',
        to: 'b',
        after: [],
      }),
      'paths.h': 'a\n',
      'debian/patches/fast.patch': fastPatch,
    })
    const [result] = await portPatches({
      dir,
      scratch: await tempDir('pc-port-scratch-'),
      sourceSeries: parseSeries('debian-paths.patch\nCVE-2026-0100.patch\n'),
      patches: [
        {
          name: 'CVE-2026-0100.patch',
          line: 'CVE-2026-0100.patch',
          level: 1,
          text: include,
          change: 'added',
          cves: ['CVE-2026-0100'],
        },
      ],
      note: 'test',
    })
    // right after debian-paths.patch it would break fast.patch; at the end it needs fuzz over fast's change
    expect(result!.verdict).toEqual({ kind: 'refreshed', how: 'fuzz', after: undefined, replaces: false })
    expect(await readFile(join(dir, 'debian/patches/series'), 'utf8')).toBe(
      'debian-paths.patch\nfast.patch\nCVE-2026-0100.patch\n',
    )
    const refreshed = await readFile(join(dir, 'debian/patches/CVE-2026-0100.patch'), 'utf8')
    expect(refreshed).toContain('Backported-by: test')
    expect(refreshed).toContain('-#include <stdio.h>\n+#include <stdio.h> /* checked */')
    expect(refreshed).toContain('   puts("hello, fast");')
  })
})
