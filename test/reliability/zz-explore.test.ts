import { mkdir, writeFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, it } from 'vitest'
import { debianDir, makePlainUpstream, type PlainUpstream } from '../support/plain-fixtures.js'
import { runInProcess } from '../support/reliability-host.js'
import { forkWith } from '../support/reliability-trees.js'
import { linePatch } from '../support/debian-fixtures.js'
import { tempDir } from '../support/tmp.js'

let upstream: PlainUpstream
let home: string
beforeAll(async () => {
  upstream = await makePlainUpstream()
  await upstream.release(['v1.0'], { 'src/app.c': 'int v = 10;\n', README: 'app\n' })
  await upstream.release(['v1.1'], { 'src/app.c': 'int v = 11;\n', README: 'app\n' })
  home = await tempDir('pc-home-')
  await writeFile(join(home, 'netrc'), 'machine github.com login x password SENTINELSECRET\n')
  await mkdir(join(home, 'pdir'))
  await writeFile(join(home, 'pdir', 'series'), 'SENTINELSERIES.patch\n')
  await writeFile(join(home, 'pdir', 'SENTINELSERIES.patch'), linePatch('README', [], 'app', 'app SENTINELPATCH', []))
})
const readmePatch = linePatch('README', [], 'app', 'app, fast', [])
const cases: [string, () => Record<string, string>][] = [
  ['changelog abs', () => ({ ...debianDir('app', '1.0-1'), 'debian/changelog': `symlink:${home}/netrc` })],
  ['series abs', () => ({ ...debianDir('app', '1.0-1'), 'debian/patches/series': `symlink:${home}/netrc` })],
  ['patches dir abs', () => ({ ...debianDir('app', '1.0-1'), 'debian/patches': `symlink:${home}/pdir` })],
  ['control abs', () => ({ ...debianDir('app', '1.0-1'), 'debian/control': `symlink:${home}/netrc` })],
  ['extra link debian', () => ({ ...debianDir('app', '1.0-1'), 'debian/copyright': `symlink:/etc/passwd` })],
  ['patch abs', () => ({ ...debianDir('app', '1.0-1', {'debian/patches/series': 'x.patch\n'}), 'debian/patches/x.patch': `symlink:${home}/pdir/SENTINELSERIES.patch` })],
  ['changelog inside', () => ({ ...debianDir('app', '1.0-1'), 'debian/changelog.real': debianDir('app','1.0-1')['debian/changelog']!, 'debian/changelog': `symlink:changelog.real` })],
  ['dup series', () => debianDir('app', '1.0-1', {'debian/patches/a.patch': readmePatch, 'debian/patches/series': 'a.patch\na.patch\n'})],
  ['./ series', () => debianDir('app', '1.0-1', {'debian/patches/a.patch': readmePatch, 'debian/patches/series': './a.patch\n'})],
  ['.pc link', () => ({ ...debianDir('app', '1.0-1', {'debian/patches/a.patch': readmePatch, 'debian/patches/series': 'a.patch\n'}), '.pc': `symlink:${home}/pdir` })],
  ['source options', () => ({ ...debianDir('app', '1.0-1'), 'debian/source/options': `symlink:${home}/netrc` })],
]
it.each(cases)('%s', async (label, files) => {
  const fork = await forkWith(upstream, 'v1.0', { files: files() })
  const run = await runInProcess({ 'remote-url': fork.url, 'upstream-url': upstream.url, 'upstream-tags': 'v*', 'github-token': 'tok' })
  const pdir = await readFile(join(home, 'pdir', 'series'), 'utf8')
  console.log(`=== ${label}: result=${run.report?.result} failures=${JSON.stringify(run.failures).slice(0, 600)}\nconflict=${JSON.stringify(run.report?.conflict)?.slice(0, 400)}\nnotes=${JSON.stringify(run.report?.notes)?.slice(0,300)}\nsecret=${run.everything.includes('SENTINEL')} pdir/series=${JSON.stringify(pdir)}`)
}, 120000)
