import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { makeArchiveKey } from '../support/debian-archive.js'
import { archiveScenario, type ArchiveScenario } from './archive-scenario.js'

const T = 90_000
const pool = 'pool/main/h/hello'

/**
 * Runs the action on the scenario and checks what a user sees of a refused run: exit code 1, exactly one
 * error annotation (returned, decoded), the fork's refs exactly as they were, nothing in output-dir.
 */
async function refused({ fork, inputs }: ArchiveScenario, extra: Record<string, string> = {}) {
  const before = await fork.refs()
  const result = await runAction({ ...inputs, ...extra })
  expect(result.code, result.stdout + result.stderr).toBe(1)
  const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error'))
  expect(errors, result.stdout).toHaveLength(1)
  expect(await fork.refs()).toEqual(before)
  expect(await readdir(inputs['output-dir']!)).toEqual([])
  expect(result.outputs.result).toBeUndefined()
  const message = errors[0]!
    .replace(/^::error::/, '')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%25/g, '%')
  // a trust failure is not a bug, and running again against the same archive cannot help
  expect(message).not.toMatch(/internal error|run again|\n\s+at /i)
  return { message, result }
}

/** Paths the run requested from the archive, without the ones listed (InRelease files). */
const readBeyond = ({ archive }: ArchiveScenario, ...allowed: RegExp[]) =>
  archive.requests.map((request) => request.path).filter((path) => !allowed.some((re) => re.test(path)))

/** Changes one hex digit of the Sources.xz sha256 inside the signed text of InRelease, signature untouched. */
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

describe('an archive upstream refuses what it cannot trust, and changes nothing', () => {
  it('an InRelease signed by a key outside archive-keyring', async () => {
    const scenario = await archiveScenario()
    const other = await makeArchiveKey('Someone Else <else@example.org>')
    await scenario.archive.resign('bookworm-security', (release) => release, other)
    const { message } = await refused(scenario)
    expect(message).toContain(`${scenario.archive.url}/dists/bookworm-security/InRelease`)
    expect(message).toMatch(/does not verify against archive-keyring/)
    expect(message).toContain(other.fingerprint.slice(-16))
    expect(readBeyond(scenario, /\/InRelease$/)).toEqual([])
    await other.close()
    await scenario.archive.close()
  }, T)

  it('an InRelease whose signed text was changed after signing (bad signature)', async () => {
    const scenario = await archiveScenario()
    await tamperInRelease(scenario, 'bookworm-security')
    const { message } = await refused(scenario)
    expect(message).toContain(`${scenario.archive.url}/dists/bookworm-security/InRelease`)
    expect(message).toMatch(/BAD signature/)
    expect(readBeyond(scenario, /\/InRelease$/)).toEqual([])
    await scenario.archive.close()
  }, T)

  it('an InRelease whose Valid-Until is past (a stale or replayed archive)', async () => {
    const scenario = await archiveScenario()
    const expired = 'Sat, 01 Jan 2000 00:00:00 UTC'
    await scenario.archive.resign('bookworm-security', (release) => {
      const edited = release.replace(/^Date: .*$/m, (date) => `${date}\nValid-Until: ${expired}`)
      expect(edited).not.toBe(release)
      return edited
    })
    const { message } = await refused(scenario)
    expect(message).toContain(`${scenario.archive.url}/dists/bookworm-security/InRelease`)
    expect(message).toContain(`Valid-Until ${expired}`)
    expect(message).toMatch(/expired/)
    expect(readBeyond(scenario, /\/InRelease$/)).toEqual([])
    await scenario.archive.close()
  }, T)

  it('a Sources index whose sha256 is not the one InRelease gives', async () => {
    const scenario = await archiveScenario()
    await scenario.archive.corrupt('dists/bookworm-security/main/source/Sources.xz')
    const { message } = await refused(scenario)
    expect(message).toContain(`${scenario.archive.url}/dists/bookworm-security/main/source/Sources.xz`)
    expect(message).toMatch(/sha256 [0-9a-f]{64} does not match/)
    // nothing of the pool is read on the word of an index that does not verify
    expect(readBeyond(scenario, /\/InRelease$/, /\/Sources\.xz$/)).toEqual([])
    await scenario.archive.close()
  }, T)

  for (const file of ['hello_1.0-1+deb12u1.dsc', 'hello_1.0.orig.tar.xz']) {
    it(`a pool file whose sha256 is not the one Sources gives: ${file}`, async () => {
      const scenario = await archiveScenario()
      await scenario.archive.corrupt(`${pool}/${file}`)
      const { message } = await refused(scenario)
      expect(message).toContain(`${scenario.archive.url}/${pool}/${file}`)
      expect(message).toMatch(/sha256 [0-9a-f]{64} does not match/)
      expect(message).toContain('hello 1.0-1+deb12u1')
      await scenario.archive.close()
    }, T)
  }
})
