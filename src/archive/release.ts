import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseStatus } from '../process/gpgv.js'
import { run } from '../process/run.js'
import { checksumLines, parseParagraphs, type ChecksumLine } from './deb822.js'
import { ArchiveError, fetchBytes } from './http.js'
import type { TrustedKeys } from './keyring.js'

/** What a verified InRelease says about one suite. */
export interface SuiteRelease {
  suite: string
  /** `<archive>/dists/<suite>/` */
  base: string
  /** The `Date:` field, as written. */
  date: string
  validUntil?: string
  /** Fingerprint of the key that made the good signature. */
  fingerprint: string
  /** sha256 of the InRelease file as downloaded. */
  inReleaseBytes: number
  /** The source indices it lists (`main/source/Sources.xz` …), one per component, `.xz` preferred. */
  sources: ChecksumLine[]
}

const IN_RELEASE_LIMIT = 64 * 1024 * 1024

/**
 * Downloads `dists/<suite>/InRelease`, verifies it with gpgv against archive-keyring alone and reads the
 * signed text only (what gpgv wrote out, never the file's unsigned parts). Refuses an expired
 * Valid-Until and a Release that names another suite.
 */
export async function fetchSuiteRelease(
  archiveUrl: string,
  suite: string,
  keys: TrustedKeys,
  now = new Date(),
): Promise<SuiteRelease> {
  const base = `${archiveUrl}/dists/${suite}/`
  const body = await fetchBytes(`${base}InRelease`, IN_RELEASE_LIMIT)
  const signed = join(keys.home, `InRelease-${suite.replace(/\//g, '_')}`)
  const verified = `${signed}.txt`
  await writeFile(signed, body)
  try {
    const result = await run(
      'gpgv',
      [
        '--homedir',
        keys.home,
        '--keyring',
        keys.keyring,
        '--status-fd',
        '1',
        '--output',
        verified,
        '--',
        signed,
      ],
      { env: { GNUPGHOME: keys.home, LC_ALL: 'C' }, okCodes: [0, 1, 2] },
    )
    const check = parseStatus(result.stdout, result.code)
    if (check.kind === 'bad')
      throw new ArchiveError(`${base}InRelease does not verify against archive-keyring: ${check.reason}`)
    const release = parseParagraphs(await readFile(verified, 'utf8'))[0]
    if (!release) throw new ArchiveError(`${base}InRelease: the signed text holds no Release fields`)
    const names = [release.get('suite'), release.get('codename')].filter(Boolean)
    if (!names.includes(suite)) {
      throw new ArchiveError(
        `${base}InRelease is the Release of ${names.join(' / ') || 'an unnamed suite'}, not of ${suite}`,
      )
    }
    const validUntil = release.get('valid-until')
    if (validUntil !== undefined && !(Date.parse(validUntil) > now.getTime())) {
      throw new ArchiveError(
        `${base}InRelease expired: Valid-Until ${validUntil} is past; the archive (or its mirror) is stale`,
      )
    }
    return {
      suite,
      base,
      date: release.get('date') ?? '',
      validUntil,
      fingerprint: check.fingerprint,
      inReleaseBytes: body.length,
      sources: sourceIndices(checksumLines(release.get('sha256'), `${base}InRelease SHA256`)),
    }
  } finally {
    await rm(signed, { force: true })
    await rm(verified, { force: true })
  }
}

/** One source index per component: `Sources.xz`, else `Sources.gz` (paths as the Release lists them). */
function sourceIndices(files: ChecksumLine[]): ChecksumLine[] {
  const byComponent = new Map<string, ChecksumLine>()
  for (const ext of ['gz', 'xz']) {
    for (const file of files) {
      const match = /^(.+)\/source\/Sources\.(xz|gz)$/.exec(file.name)
      if (match?.[2] === ext) byComponent.set(match[1]!, file)
    }
  }
  // main first: that is where nearly every package lives, so the others are rarely downloaded
  return [...byComponent.entries()]
    .sort(([a], [b]) => (a.endsWith('main') ? -1 : 0) - (b.endsWith('main') ? -1 : 0) || a.localeCompare(b))
    .map(([, file]) => file)
}

/** The part of a suite's Release that decides whether its source indices changed. */
export function sourcesDigestInput(release: SuiteRelease): string {
  return release.sources.map((file) => `${file.sha256} ${file.name}`).join('\n')
}
