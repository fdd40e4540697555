import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { tempDir } from '../support/tmp.js'
import {
  archiveScenario,
  cvePatch,
  hello,
  importOf,
  securityNotePatch,
  type ArchiveScenario,
} from './archive-scenario.js'
import { refusedRun } from './refused.js'

const orig = 'hello_1.0.orig.tar.xz'
const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
const origUrl = (archive: ArchiveScenario['archive']) => `${archive.url}/pool/main/h/hello/${orig}`

const refused = async (scenario: ArchiveScenario, extra: Record<string, string> = {}) =>
  (await refusedRun(scenario, extra)).message

const origRequests = ({ archive }: ArchiveScenario) =>
  archive.requests.filter((request) => request.path.endsWith(`/${orig}`))

describe('an archive upstream over an unreliable network', () => {
  it('a pool file Sources lists answers 404: refused, then taken once it is there', async () => {
    const scenario = await archiveScenario()
    const lift = scenario.archive.fault(orig, '404')
    const message = await refused(scenario)
    expect(message).toMatch(/^Cannot take hello 1\.0-1\+deb12u1 from bookworm-security: /)
    expect(message).toContain(`${origUrl(scenario.archive)}: not found (404)`)
    expect(message).toContain('though the bookworm-security Sources index lists it')
    expect(origRequests(scenario).map((request) => request.status)).toEqual([404]) // a 404 is not retried

    lift()
    const again = await runAction(scenario.inputs)
    expect(again.code, again.stdout + again.stderr).toBe(0)
    expect(again.outputs.result).toBe('updated')
    await scenario.archive.close()
  }, 90_000)

  it('a connection cut mid-file every time: three attempts, then refused', async () => {
    const scenario = await archiveScenario()
    scenario.archive.fault(orig, 'cut')
    const size = (await stat(join(scenario.archive.dir, 'pool/main/h/hello', orig))).size
    const message = await refused(scenario)
    expect(message).toMatch(/^Cannot take hello 1\.0-1\+deb12u1 from bookworm-security: /)
    expect(message).toContain(`${origUrl(scenario.archive)}: download failed after 3 attempts`)
    const attempts = origRequests(scenario)
    expect(attempts).toHaveLength(3)
    for (const attempt of attempts) expect(attempt.bytes).toBeLessThan(size)
    await scenario.archive.close()
  }, 90_000)

  it('a connection cut once: the next attempt takes the whole file', async () => {
    const scenario = await archiveScenario()
    const lift = scenario.archive.fault(orig, 'cut')
    // lifted as soon as the first (cut) answer went out; the action waits before it tries again
    const watch = setInterval(() => {
      if (origRequests(scenario).length > 0) {
        lift()
        clearInterval(watch)
      }
    }, 5)
    const result = await runAction(scenario.inputs)
    clearInterval(watch)
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('updated')
    const size = (await stat(join(scenario.archive.dir, 'pool/main/h/hello', orig))).size
    expect(origRequests(scenario).map((request) => request.bytes)).toEqual([Math.floor(size / 2), size])
    const files = JSON.parse(result.outputs.files!) as string[]
    expect(files.map((file) => basename(file))).toContain(orig)
    await scenario.archive.close()
  }, 90_000)

  it('a suite drops the version the branch is on: sync moves on, build still builds it', async () => {
    const { archive, fork, inputs } = await archiveScenario()
    const first = await runAction(inputs)
    expect(first.code, first.stdout + first.stderr).toBe(0)
    expect(first.outputs['upstream-tag']).toBe('import/hello/1.0-1+deb12u1')
    await archive.remove('bookworm-security', 'hello')
    await archive.include(
      'bookworm-security',
      await hello.security(2, {
        'CVE-2026-0001.patch': cvePatch(),
        'CVE-2026-0002.patch': securityNotePatch,
      }),
    )

    // build mode builds on the import the branch is on; the archive no longer has its files
    const buildOut = await tempDir('pc-out-build-')
    const head = await fork.head()
    const build = await runAction({ ...inputs, mode: 'build', 'output-dir': buildOut })
    expect(build.code, build.stdout + build.stderr).toBe(0)
    expect(build.outputs.result).toBe('built')
    expect(build.outputs.version).toBe('1.0-1+deb12u1+carrier1')
    expect(build.summary).toContain(
      '1.0-1+deb12u1 is no longer listed in bookworm, bookworm-security: its orig tarballs are taken from ' +
        '1.0-1 (bookworm), the same upstream version',
    )
    const built = await readdir(buildOut)
    expect(built).toContain('hello_1.0-1+deb12u1+carrier1.dsc')
    // still Debian's own orig tarball, bit for bit, downloaded alone (not the .dsc set of 1.0-1)
    expect(await sha256(join(buildOut, orig))).toBe(
      await sha256(join(archive.dir, 'pool/main/h/hello', orig)),
    )
    expect(await fork.head()).toBe(head)

    const sync = await runAction(inputs)
    expect(sync.code, sync.stdout + sync.stderr).toBe(0)
    expect(sync.outputs.result).toBe('updated')
    expect(sync.outputs['upstream-tag']).toBe('import/hello/1.0-1+deb12u2')
    expect(sync.outputs['previous-tag']).toBe('import/hello/1.0-1+deb12u1')
    expect((await fork.refs()).get(importOf('1.0-1+deb12u2'))).toMatch(/^[0-9a-f]{40}$/)
    await archive.close()
  }, 120_000)
})

describe('archive inputs a user can get wrong: one error naming the input, nothing changed', () => {
  let scenario: ArchiveScenario
  beforeAll(async () => {
    scenario = await archiveScenario()
    return () => scenario.archive.close()
  })

  it('upstream-url together with upstream-archive', async () => {
    const message = await refused(scenario, { 'upstream-url': scenario.fork.url })
    expect(message).toMatch(/upstream-url and upstream-archive are two kinds of upstream: set one/)
  }, 90_000)

  it('upstream-archive without upstream-suites', async () => {
    const message = await refused(scenario, { 'upstream-suites': '' })
    expect(message).toMatch(/'upstream-suites'.*required with upstream-archive/)
  }, 90_000)

  it('a suite the archive does not have', async () => {
    const message = await refused(scenario, { 'upstream-suites': 'bookworm, bookworm-securty' })
    expect(message).toContain(`${scenario.archive.url}/dists/bookworm-securty/InRelease`)
    expect(message).toMatch(/404/)
    expect(message).toMatch(/upstream-suites/)
  }, 90_000)

  it('no downstream-base on a first run', async () => {
    const message = await refused(scenario, { 'downstream-base': '' })
    expect(message).toMatch(/contains no import of hello/)
    expect(message).toMatch(/set downstream-base/)
  }, 90_000)

  it('a downstream-base that names nothing on the fork', async () => {
    expect(await refused(scenario, { 'downstream-base': 'no-such-tag' })).toMatch(
      /downstream-base no-such-tag is neither a branch, tag or ref of the fork nor a commit/,
    )
    expect(await refused(scenario, { 'downstream-base': 'deadbeefdeadbeef' })).toMatch(
      /downstream-base deadbeefdeadbeef is not a commit of branch 'main'/,
    )
  }, 90_000)

  it('an archive-keyring path that does not exist', async () => {
    const missing = join(await tempDir('pc-keyring-'), 'no-such-keyring.gpg')
    scenario.archive.requests.length = 0
    const message = await refused(scenario, { 'archive-keyring': missing })
    expect(message).toContain(`archive-keyring ${missing} cannot be read`)
    expect(scenario.archive.requests).toEqual([]) // nothing is read from an archive it cannot verify
  }, 90_000)
})
