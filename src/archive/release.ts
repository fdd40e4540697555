import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../process/run.js'
import { checksumLines, parseParagraphs, type ChecksumLine, type Paragraph } from './deb822.js'
import { ArchiveError, fetchBytes } from './http.js'
import type { TrustedKeys } from './keyring.js'

/** What a verified InRelease says about one suite. */
export interface SuiteRelease {
  suite: string
  /** The archive (base URL) the suite was found in. */
  archive: string
  /** `<archive>/dists/<suite>/` */
  base: string
  /** The `Date:` field, as written. */
  date: string
  validUntil?: string
  /** Fingerprint of the key that made the good signature. */
  fingerprint: string
  /** The source indices it lists (`main/source/Sources.xz` …), one per component, `.xz` preferred. */
  sources: ChecksumLine[]
}

const IN_RELEASE_LIMIT = 64 * 1024 * 1024

/**
 * The suite's verified Release from the first of `archives` that has it: a 404 there moves on to the
 * next; any other failure (a bad signature, a cut connection) stops, as it would with one archive.
 */
export async function findSuiteRelease(
  archives: readonly string[],
  suite: string,
  keys: TrustedKeys,
): Promise<SuiteRelease> {
  for (const [i, archive] of archives.entries()) {
    try {
      return await fetchSuiteRelease(archive, suite, keys)
    } catch (error) {
      const last = i === archives.length - 1
      if (last || !(error instanceof ArchiveError && error.status === 404)) throw error
    }
  }
  throw new ArchiveError('upstream-archive names no archive')
}

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
  const body = await downloadInRelease(base, archiveUrl, suite)
  const { release, fingerprint } = await verifiedRelease(body, base, suite, keys)
  const names = [release.get('suite'), release.get('codename')].filter(Boolean)
  if (!names.includes(suite)) {
    throw new ArchiveError(
      `${base}InRelease is the Release of ${names.join(' / ') || 'an unnamed suite'}, not of ${suite}`,
    )
  }
  const validUntil = release.get('valid-until')
  checkValidUntil(validUntil, base, now)
  return {
    suite,
    archive: archiveUrl,
    base,
    date: release.get('date') ?? '',
    validUntil,
    fingerprint,
    sources: sourceIndices(checksumLines(release.get('sha256'), `${base}InRelease SHA256`)),
  }
}

/** The InRelease file's bytes; a 404 names the inputs that make up its URL. */
function downloadInRelease(base: string, archiveUrl: string, suite: string): Promise<Buffer> {
  return fetchBytes(`${base}InRelease`, IN_RELEASE_LIMIT).catch((error: unknown) => {
    // a mistyped suite is the likely cause: say which input names it
    if (error instanceof ArchiveError && error.status === 404)
      throw new ArchiveError(
        `${error.message}: is ${suite} a suite of ${archiveUrl}? (inputs upstream-suites, upstream-archive)`,
        404,
      )
    throw error
  })
}

/** The Release fields of the text gpgv verified and wrote out, and the key that signed it. */
async function verifiedRelease(
  body: Buffer,
  base: string,
  suite: string,
  keys: TrustedKeys,
): Promise<{ release: Paragraph; fingerprint: string }> {
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
    const check = inReleaseVerdict(result.stdout, result.code)
    if (check.kind === 'bad')
      throw new ArchiveError(`${base}InRelease does not verify against archive-keyring: ${check.reason}`)
    const release = parseParagraphs(await readFile(verified, 'utf8'))[0]
    if (!release) throw new ArchiveError(`${base}InRelease: the signed text holds no Release fields`)
    return { release, fingerprint: check.fingerprint }
  } finally {
    await rm(signed, { force: true })
    await rm(verified, { force: true })
  }
}

/** Refuses a Valid-Until that is no date or is past. */
function checkValidUntil(validUntil: string | undefined, base: string, now: Date): void {
  if (validUntil !== undefined && Number.isNaN(Date.parse(validUntil)))
    throw new ArchiveError(`${base}InRelease: Valid-Until ${JSON.stringify(validUntil)} is not a date`)
  if (validUntil !== undefined && !(Date.parse(validUntil) > now.getTime())) {
    throw new ArchiveError(
      `${base}InRelease expired: Valid-Until ${validUntil} is past; the archive (or its mirror) is stale`,
    )
  }
}

type Verdict = { kind: 'good'; fingerprint: string } | { kind: 'bad'; reason: string }

/**
 * gpgv's status lines on an InRelease, read as apt reads them. Debian signs each InRelease with several
 * keys (the archive keys of two releases, a release key): one good signature by a key of archive-keyring
 * is enough while the others may be by keys it does not hold (a keyring that predates a release, or holds
 * one release's keys only), which gpgv reports with exit code 2. A bad signature refuses the file whatever
 * else verified, and any other failure of gpgv too.
 */
export function inReleaseVerdict(status: string, code: number): Verdict {
  const signatures: string[][][] = []
  const lines = status.split('\n').filter((line) => line.startsWith('[GNUPG:] '))
  // gpgv's ERROR (e.g. two signed texts in one file, "multiple plaintexts") or NODATA: not one signed text
  const broken = lines.find((line) => /^\[GNUPG:\] (ERROR|NODATA)\b/.test(line))
  if (broken)
    return {
      kind: 'bad',
      reason: `it is not one OpenPGP clear-signed text (gpgv: ${broken.slice(9).trim()})`,
    }
  for (const line of lines) {
    const words = line.slice('[GNUPG:] '.length).trim().split(' ')
    // each signature's lines start at its NEWSIG; lines before the first (PLAINTEXT …) belong to none
    if (words[0] === 'NEWSIG') signatures.push([])
    signatures.at(-1)?.push(words)
  }
  const has = (signature: string[][], keyword: string) => signature.find((words) => words[0] === keyword)
  if (signatures.some((signature) => has(signature, 'BADSIG')))
    return { kind: 'bad', reason: 'BAD signature: the signed text was changed after signing' }
  const good = signatures.filter((signature) => has(signature, 'GOODSIG') && has(signature, 'VALIDSIG')?.[1])
  // signatures gpgv could not check for want of the key, or by an expired or revoked key, count for nothing
  const unusable = (signature: string[][]) =>
    ['NO_PUBKEY', 'EXPKEYSIG', 'REVKEYSIG'].some((keyword) => has(signature, keyword))
  const others = signatures.filter((signature) => !good.includes(signature))
  if (good.length > 0 && (code === 0 || (others.length > 0 && others.every(unusable))))
    return { kind: 'good', fingerprint: has(good[0]!, 'VALIDSIG')![1]! }
  const any = (keyword: string) => signatures.some((signature) => has(signature, keyword))
  if (any('EXPKEYSIG')) return { kind: 'bad', reason: 'the signing key has expired' }
  if (any('REVKEYSIG')) return { kind: 'bad', reason: 'the signing key was revoked' }
  if (any('EXPSIG')) return { kind: 'bad', reason: 'the signature has expired' }
  // the fingerprint ERRSIG gives (gpg >= 2.2.7), else the long key id
  const missing = signatures
    .filter((signature) => has(signature, 'NO_PUBKEY'))
    .map((signature) => has(signature, 'ERRSIG')?.[7] ?? has(signature, 'NO_PUBKEY')![1] ?? '?')
  if (missing.length > 0 && good.length === 0)
    return {
      kind: 'bad',
      reason:
        missing.length === 1
          ? `it is signed by key ${missing[0]} only, which archive-keyring does not hold`
          : `it is signed by keys ${missing.join(', ')}, none of which archive-keyring holds`,
    }
  return { kind: 'bad', reason: `it is not a valid OpenPGP signature (gpgv exit code ${code})` }
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
