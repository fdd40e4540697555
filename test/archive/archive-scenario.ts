import { helloMainC as mainC, fastPatch, linePatch } from '../support/debian-fixtures.js'
import {
  makeArchive,
  makeArchiveKey,
  makeSourcePackage,
  type LocalArchive,
} from '../support/debian-archive.js'
import { makeForkFromDsc } from '../support/archive-fork.js'
import { git } from '../support/git.js'
import { tempDir } from '../support/tmp.js'

export const readme = (version: string, safe = 'unsafe'): string => `hello ${version}\nparsing is ${safe}\n`
const upstream = { 'main.c': mainC('hello'), README: readme('1.0'), SECURITY: 'no known issues\n' }

/** Debian's security fix: README says the parser is safe. */
export const cvePatch = (name = 'CVE-2026-0001'): string =>
  linePatch('README', ['hello 1.0'], 'parsing is unsafe', 'parsing is safe', [], `${name}: fix the parser`)

const changelog = (version: string, text: string, date: string) => ({ version, text, date })

/** Debian's second security fix, in a file the fork does not touch. */
export const securityNotePatch = linePatch(
  'SECURITY',
  [],
  'no known issues',
  'CVE-2026-0002 fixed',
  [],
  'CVE-2026-0002',
)

/** hello 1.0-1 (bookworm) and its security uploads, as real .dsc files. */
export const hello = {
  base: () =>
    makeSourcePackage({
      source: 'hello',
      version: '1.0-1',
      upstream,
      changelog: [changelog('1.0-1', 'Initial release.', 'Thu, 01 Jan 2026 00:00:00 +0000')],
    }),
  other: () => makeSourcePackage({ source: 'other', version: '2.0-1', upstream: { README: 'other\n' } }),
  security: (n: number, patches: Record<string, string>) =>
    makeSourcePackage({
      source: 'hello',
      version: `1.0-1+deb12u${n}`,
      upstream,
      patches,
      changelog: [
        changelog(`1.0-1+deb12u${n}`, `Security upload ${n}.`, `Mon, 0${n} Feb 2026 12:00:00 +0100`),
        changelog('1.0-1', 'Initial release.', 'Thu, 01 Jan 2026 00:00:00 +0000'),
      ],
    }),
}

export interface ArchiveScenario {
  archive: LocalArchive
  fork: Awaited<ReturnType<typeof makeForkFromDsc>>
  inputs: Record<string, string>
}

/**
 * bookworm holds hello 1.0-1, bookworm-security 1.0-1+deb12u1 with one CVE patch; the fork was made by
 * hand from 1.0-1 (tag `base`) and carries fast.patch.
 */
export async function archiveScenario(): Promise<ArchiveScenario> {
  const key = await makeArchiveKey()
  const archive = await makeArchive({
    suites: [{ codename: 'bookworm' }, { codename: 'bookworm-security' }],
    key,
  })
  const base = await hello.base()
  await archive.include('bookworm', base)
  await archive.include('bookworm-security', await hello.security(1, { 'CVE-2026-0001.patch': cvePatch() }))
  const fork = await makeForkFromDsc(base)
  await fork.commit('Add fast.patch', {
    'debian/patches/fast.patch': fastPatch,
    'debian/patches/series': 'fast.patch\n',
  })
  const inputs = {
    'remote-url': fork.url,
    'upstream-archive': archive.url,
    'upstream-suites': 'bookworm, bookworm-security',
    'archive-keyring': key.armoredPublic,
    'downstream-base': 'base',
    'output-dir': await tempDir('pc-out-'),
    'work-dir': await tempDir('pc-work-'),
  }
  return { archive, fork, inputs }
}

export const importOf = (version: string): string =>
  `refs/tags/patch-carrier/import/hello/${version.replace(/:/g, '%').replace(/~/g, '_')}`

export const showFile = (bare: string, rev: string, path: string): Promise<string> =>
  git(bare, 'show', `${rev}:${path}`)
