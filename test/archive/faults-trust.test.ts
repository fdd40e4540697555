import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/process/run.js'
import { runAction } from '../support/action.js'
import { clearSign, makeArchiveKey, type ArchiveKey } from '../support/debian-archive.js'
import { tempDir } from '../support/tmp.js'
import { refusedRun } from './refused.js'
import { archiveScenario, type ArchiveScenario } from './archive-scenario.js'

const pool = 'pool/main/h/hello'

const refused = (scenario: ArchiveScenario, extra: Record<string, string> = {}) =>
  refusedRun(scenario, extra, true)

/** Paths the run requested from the archive, but for those matching `allowed`. */
const readBeyond = ({ archive }: ArchiveScenario, ...allowed: RegExp[]) =>
  archive.requests.map((request) => request.path).filter((path) => !allowed.some((re) => re.test(path)))

/** Changes one hex digit of the Sources.xz sha256 in the signed text of InRelease; the signature stays. */
async function tamperInRelease({ archive }: ArchiveScenario, codename: string): Promise<void> {
  const file = join(archive.dir, 'dists', codename, 'InRelease')
  const text = await readFile(file, 'utf8')
  const changed = text.replace(
    /^( [0-9a-f]{63})([0-9a-f])( +\d+ main\/source\/Sources\.xz)$/m,
    (_, head: string, digit: string, tail: string) => `${head}${digit === '0' ? '1' : '0'}${tail}`,
  )
  expect(changed).not.toBe(text)
  await writeFile(file, changed)
}

/** Clear-signs a suite's Release into its InRelease by several keys at once, as Debian's archive does. */
async function signInReleaseBy({ archive }: ArchiveScenario, codename: string, keys: ArchiveKey[]) {
  const home = await tempDir('pc-keys-')
  await chmod(home, 0o700)
  const gpg = (args: string[], input?: string) =>
    run('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', '--homedir', home, ...args], {
      env: { GNUPGHOME: home },
      input,
    })
  for (const key of keys) {
    const secret = await run(
      'gpg',
      ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', '--armor', '--export-secret-keys'],
      { env: { GNUPGHOME: key.gnupgHome } },
    )
    await gpg(['--import'], secret.stdout)
  }
  const dists = join(archive.dir, 'dists', codename)
  const signers = keys.flatMap((key) => ['-u', key.fingerprint])
  await gpg([
    ...signers,
    '--yes',
    '--clearsign',
    '--output',
    join(dists, 'InRelease'),
    join(dists, 'Release'),
  ])
  await run('gpgconf', ['--kill', 'gpg-agent'], { env: { GNUPGHOME: home }, okCodes: [0, 1, 2] })
}

describe('an archive upstream refuses what it cannot trust, and changes nothing', () => {
  it('an InRelease signed by a key outside archive-keyring', async () => {
    const scenario = await archiveScenario()
    const other = await makeArchiveKey('Someone Else <else@example.org>')
    await scenario.archive.resign('bookworm-security', (release) => release, other)
    const { message } = await refused(scenario)
    expect(message).toContain(`${scenario.archive.url}/dists/bookworm-security/InRelease`)
    expect(message).toMatch(/does not verify against archive-keyring/)
    expect(message).toContain(`signed by key ${other.fingerprint} only, which archive-keyring does not hold`)
    expect(readBeyond(scenario, /\/InRelease$/)).toEqual([])
    await other.close()
    await scenario.archive.close()
  }, 90_000)

  it('an InRelease signed by a key it holds and one it lacks is taken, as apt takes it', async () => {
    const scenario = await archiveScenario()
    const other = await makeArchiveKey('Next Release <next@example.org>')
    await signInReleaseBy(scenario, 'bookworm-security', [other, scenario.archive.key])
    const result = await runAction(scenario.inputs)
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('updated')
    // the provenance names the key that verified, not the one archive-keyring lacks
    expect(result.summary).toContain(`signed by ${scenario.archive.key.fingerprint}`)
    expect(result.summary).not.toContain(other.fingerprint)
    await other.close()
    await scenario.archive.close()
  }, 90_000)

  it('an InRelease holding a second signed text, by a key it lacks', async () => {
    const scenario = await archiveScenario()
    const other = await makeArchiveKey('Someone Else <else@example.org>')
    const dists = join(scenario.archive.dir, 'dists/bookworm-security')
    const forged = join(await tempDir('pc-forged-'), 'Release')
    const release = await readFile(join(dists, 'Release'), 'utf8')
    await writeFile(forged, release.replace(/^Date: .*$/m, 'Date: Sun, 01 Feb 2099 00:00:00 UTC'))
    await clearSign(other, forged)
    // the forged text first: a reader of the first paragraph would take it
    await writeFile(
      join(dists, 'InRelease'),
      (await readFile(forged, 'utf8')) + (await readFile(join(dists, 'InRelease'), 'utf8')),
    )
    const { message } = await refused(scenario)
    expect(message).toContain(`${scenario.archive.url}/dists/bookworm-security/InRelease does not verify`)
    expect(message).toMatch(/not one OpenPGP clear-signed text/)
    await other.close()
    await scenario.archive.close()
  }, 90_000)

  it('an InRelease whose signed text was changed after signing (bad signature)', async () => {
    const scenario = await archiveScenario()
    await tamperInRelease(scenario, 'bookworm-security')
    const { message } = await refused(scenario)
    expect(message).toContain(`${scenario.archive.url}/dists/bookworm-security/InRelease`)
    expect(message).toMatch(/BAD signature/)
    expect(readBeyond(scenario, /\/InRelease$/)).toEqual([])
    await scenario.archive.close()
  }, 90_000)

  it('an InRelease whose Valid-Until is past (a stale or replayed archive)', async () => {
    const scenario = await archiveScenario()
    const expired = 'Sat, 01 Jan 2000 00:00:00 UTC'
    await scenario.archive.resign('bookworm-security', (release) => {
      const edited = release.replace(/^Date: .*$/m, (date) => `${date}\nValid-Until: ${expired}`)
      expect(edited).not.toBe(release)
      return edited
    })
    const { message } = await refused(scenario)
    expect(message).toContain(`${scenario.archive.url}/dists/bookworm-security/InRelease expired`)
    expect(message).toContain(`Valid-Until ${expired} is past`)
    expect(readBeyond(scenario, /\/InRelease$/)).toEqual([])
    await scenario.archive.close()
  }, 90_000)

  it('a Sources index whose sha256 is not the one InRelease gives', async () => {
    const scenario = await archiveScenario()
    await scenario.archive.corrupt('dists/bookworm-security/main/source/Sources.xz')
    const { message } = await refused(scenario)
    expect(message).toContain(`${scenario.archive.url}/dists/bookworm-security/main/source/Sources.xz`)
    expect(message).toMatch(/sha256 [0-9a-f]{64}, but the signed InRelease of bookworm-security gives/)
    // nothing of the pool is read on the word of an index that does not verify
    expect(readBeyond(scenario, /\/InRelease$/, /\/Sources\.xz$/)).toEqual([])
    await scenario.archive.close()
  }, 90_000)

  for (const file of ['hello_1.0-1+deb12u1.dsc', 'hello_1.0.orig.tar.xz']) {
    it(`a pool file whose sha256 is not the one Sources gives: ${file}`, async () => {
      const scenario = await archiveScenario()
      await scenario.archive.corrupt(`${pool}/${file}`)
      const { message } = await refused(scenario)
      expect(message).toMatch(/^Cannot take hello 1\.0-1\+deb12u1 from bookworm-security: /)
      expect(message).toContain(`${scenario.archive.url}/${pool}/${file}`)
      expect(message).toMatch(/sha256 [0-9a-f]{64}, but the bookworm-security Sources index gives/)
      await scenario.archive.close()
    }, 90_000)
  }
})
