import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { git } from '../support/git.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import { signedDebian } from '../support/reliability-debian.js'
import { makeReleaseKey, type ReleaseKey } from '../support/reliability-gpg.js'
import { assertUsableFailure, runInProcess } from '../support/reliability-host.js'
import { tempDir } from '../support/tmp.js'

let obs: ObsTestServer
let key: ReleaseKey
let other: ReleaseKey
beforeAll(async () => {
  ;[obs, key, other] = await Promise.all([
    startObsServer(),
    makeReleaseKey(),
    makeReleaseKey('Mallory <mallory@example.org>'),
  ])
  await obs.createProject('home:prov')
})
afterAll(async () => {
  await Promise.all([obs?.stop(), key?.close(), other?.close()])
})

const obsInputs = (pkg: string) => ({
  'upstream-tags': 'debian/*',
  'obs-url': obs.apiUrl,
  'obs-project': 'home:prov',
  'obs-package': pkg,
  'obs-user': 'carrier',
  'obs-password': 'sentinel-prov-password',
  'obs-create': 'true',
})

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

/** Whether OBS has the package: 200 yes, 404 no; any other answer fails the test (it says neither). */
async function obsHasPackage(pkg: string): Promise<boolean> {
  const status = (await fetch(`${obs.apiUrl}/source/home:prov/${pkg}`)).status
  if (status !== 200 && status !== 404) throw new Error(`OBS answered ${status} for package ${pkg}`)
  return status === 200
}

describe('provenance and upstream signatures', () => {
  it('a signed tag and a signed orig tarball: summary and OBS commit carry tag object, commit, signer, sha256 of every file', async () => {
    const s = await signedDebian({ tagKey: key, origKey: key, forkKey: key })
    const result = await runAction({
      ...obsInputs('signed'),
      'remote-url': s.fork.url,
      'upstream-url': s.upstream.url,
      'upstream-signing-key': key.publicKey,
      'output-dir': await tempDir('pc-out-'),
    })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.result).toBe('published')
    const files = JSON.parse(result.outputs.files!) as string[]
    expect(files.map((file) => basename(file))).toContain('hello_1.1.orig.tar.gz.asc')
    const dsc = await readFile(
      files.find((file) => file.endsWith('.dsc'))!,
      'utf8',
    )
    expect(dsc).toContain('hello_1.1.orig.tar.gz.asc')
    expect(result.summary).toContain('hello_1.1.orig.tar.gz: good upstream signature by Upstream Release')

    const log = await obs.osc(['log', 'home:prov', 'signed'])
    const commit = result.outputs.commit!
    for (const text of [result.summary, log]) {
      expect(text).toContain(s.tagObject)
      expect(text).toContain(commit)
      expect(text).toContain(key.fingerprint)
    }
    expect(s.tagObject).not.toBe(s.tagCommit)
    for (const file of files) {
      const digest = await sha256(file)
      expect(result.summary).toContain(`| \`${basename(file)}\` |`)
      expect(result.summary).toContain(digest)
      expect(log).toContain(`sha256 ${digest}  ${basename(file)}`)
      const onObs = await obs.osc(['api', `/source/home:prov/signed/${basename(file)}`])
      if (!file.endsWith('.gz') && !file.endsWith('.xz')) expect(onObs).toBe(await readFile(file, 'utf8'))
    }
  })

  it('an orig tarball signature by a key not in debian/upstream/signing-key.asc stops the run: nothing pushed or uploaded', async () => {
    const s = await signedDebian({ origKey: other, forkKey: key })
    const before = await s.fork.refs()
    const run = await runInProcess({
      ...obsInputs('badsig'),
      'remote-url': s.fork.url,
      'upstream-url': s.upstream.url,
    })
    expect(assertUsableFailure(run, ['sentinel-prov-password'])).toMatch(
      /^orig tarball hello_1.1.orig.tar.gz: its upstream signature does not verify against debian\/upstream\/signing-key.asc: it was made by key/,
    )
    expect(await s.fork.refs()).toEqual(before)
    expect(await obsHasPackage('badsig')).toBe(false)
  })

  it('an orig tarball without a signature is built, with a note saying it was not checked', async () => {
    const s = await signedDebian({ forkKey: key })
    const run = await runInProcess({
      ...obsInputs('nosig'),
      'remote-url': s.fork.url,
      'upstream-url': s.upstream.url,
    })
    expect(run.failures).toEqual([])
    expect(run.report?.result).toBe('published')
    expect(run.report?.notes).toContain(
      'hello_1.1.orig.tar.gz: no upstream signature in the pristine-tar data; it could not be checked',
    )
  })

  it('build mode names the tag the package is built on, not the newest upstream tag', async () => {
    const s = await signedDebian({})
    const onTag = await git(s.upstream.bare, 'rev-parse', 'refs/tags/debian/1.0-1')
    const run = await runInProcess({
      ...obsInputs('build'),
      mode: 'build',
      'remote-url': s.fork.url,
      'upstream-url': s.upstream.url,
    })
    expect(run.failures).toEqual([])
    const log = await obs.osc(['log', 'home:prov', 'build'])
    expect(log).toContain('built on upstream tag debian/1.0-1')
    expect(log).toContain(`upstream tag object: ${onTag}`)
    expect(log).not.toContain(s.tagCommit)
  })
})
