import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createObsClient, ObsHttpError } from '../../src/obs/index.js'
import {
  debianSourceFiles,
  filesOf,
  md5,
  md5sOf,
  oscCommit,
  oscPutFile,
  recordingFetch,
} from '../support/obs-fixtures.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'

const project = 'home:carrier'
let server: ObsTestServer

beforeAll(async () => {
  server = await startObsServer()
  await server.createProject(project)
})
afterAll(() => server?.stop())

function client(recorder = recordingFetch()) {
  const logs: string[] = []
  const obs = createObsClient({
    apiUrl: server.apiUrl,
    auth: { user: 'carrier', password: 'unused-by-the-backend' },
    fetch: recorder.fetch,
    retry: { attempts: 3, baseDelayMs: 5, timeoutMs: 10_000 },
    log: (line) => logs.push(line),
  })
  return { obs, logs, calls: recorder.calls }
}

/** Name and size per file, in the order OBS asks for uploads (by name). */
const sizes = async (files: { name: string; path: string }[]) =>
  (
    await Promise.all(
      files.map(async (file) => ({ name: file.name, bytes: (await readFile(file.path)).length })),
    )
  ).sort((a, b) => (a.name < b.name ? -1 : 1))

describe('publish to the real OBS source server', () => {
  it('commits exactly the new file set, uploads only changed bytes, keeps _service, and re-runs change nothing', async () => {
    const pkg = 'hello'
    const v1 = await debianSourceFiles({ upstream: '1.0', debian: '1' })
    const { obs, calls } = client()

    const first = await obs.publish({
      project,
      package: pkg,
      files: v1.files,
      message: 'hello 1.0-1',
      create: true,
    })
    expect(first).toEqual({ revision: '1', changed: true, uploaded: await sizes(v1.files), removed: [] })
    expect((await server.osc(['ls', project, pkg])).trim().split('\n').sort()).toEqual(
      v1.files.map((f) => f.name).sort(),
    )

    // the same files again: no commit request, no upload, no revision
    calls.length = 0
    const again = await obs.publish({ project, package: pkg, files: v1.files, message: 'hello 1.0-1 again' })
    expect(again).toEqual({ revision: '1', changed: false, uploaded: [], removed: [] })
    expect(calls.map((call) => call.method)).toEqual(['GET'])

    // someone else commits a note and a _constraints with osc, then adds a source service
    await oscCommit(
      server,
      project,
      pkg,
      { 'notes.txt': 'by hand\n', _constraints: '<constraints/>\n' },
      'notes',
    )
    const service = '<services>\n  <service name="download_files" mode="manual"/>\n</services>\n'
    await oscPutFile(server, project, pkg, '_service', service)

    // next downstream revision: same orig (not uploaded again), new debian tarball and dsc
    const v2 = await debianSourceFiles({ upstream: '1.0', debian: '1+carrier2' }, { orig: v1.orig })
    calls.length = 0
    const second = await obs.publish({
      project,
      package: pkg,
      files: v2.files,
      message: 'hello 1.0-1+carrier2',
    })
    expect(second.revision).toBe('4')
    expect(second.uploaded).toEqual((await sizes(v2.files)).filter((f) => !f.name.endsWith('.orig.tar.gz')))
    expect(second.removed).toEqual(['hello_1.0-1.debian.tar.xz', 'hello_1.0-1.dsc', 'notes.txt'])
    const putBytes = calls.filter((c) => c.method === 'PUT').reduce((sum, c) => sum + c.bytes, 0)
    expect(putBytes).toBe(second.uploaded.reduce((sum, u) => sum + u.bytes, 0))

    // new upstream version: new orig uploaded, old orig removed, _service kept byte for byte
    const v3 = await debianSourceFiles({ upstream: '1.1', debian: '1' })
    const third = await obs.publish({ project, package: pkg, files: v3.files, message: 'hello 1.1-1' })
    expect(third).toMatchObject({ revision: '5', changed: true, uploaded: await sizes(v3.files) })
    expect(third.removed).toEqual([
      'hello_1.0-1+carrier2.debian.tar.xz',
      'hello_1.0-1+carrier2.dsc',
      'hello_1.0.orig.tar.gz',
    ])
    const listing = await obs.readPackage({ project, package: pkg })
    expect(Object.fromEntries(listing.files.map((f) => [f.name, f.md5]))).toEqual({
      ...(await md5sOf(v3.files)),
      _service: md5(service),
      _constraints: md5('<constraints/>\n'),
    })
    expect(listing.serviceState).toBe('running') // the bare backend never runs services (REAL-COMPONENTS quirk)
    expect(await server.osc(['cat', '-u', project, pkg, '_service'])).toBe(service)

    // and a re-run of that version: 0 bytes, same revision
    const rerun = await obs.publish({ project, package: pkg, files: v3.files, message: 'hello 1.1-1' })
    expect(rerun).toEqual({ revision: '5', changed: false, uploaded: [], removed: [] })
    const log = await server.osc(['log', project, pkg])
    expect(log.match(/^r\d+ \|/gm)).toEqual(['r5 |', 'r4 |', 'r3 |', 'r2 |', 'r1 |'])
    for (const message of ['hello 1.1-1', 'hello 1.0-1+carrier2', 'add _service', 'notes', 'hello 1.0-1'])
      expect(log).toContain(message)
  })

  it('carries untrusted file names and commit messages verbatim, and rejects unsafe names before any request', async () => {
    const pkg = 'hostile'
    const name = `we&ird <name> "q" 'a' é+1;$(x).txt`
    const message = `release </comment><evil/> & "quotes" 'apos'\nsecond line ünï\u0001 %00 &amp;`
    const files = await filesOf({ [name]: 'content\n' })
    const { obs } = client()
    await obs.ensurePackage({ project, package: pkg })
    expect(await obs.ensurePackage({ project, package: pkg })).toEqual({ created: false })
    const result = await obs.publish({ project, package: pkg, files, message })
    expect(result.revision).toBe('1')
    expect((await obs.readPackage({ project, package: pkg })).files.map((f) => f.name)).toEqual([name])
    expect((await server.osc(['ls', project, pkg])).trim()).toBe(name)
    const log = await server.osc(['log', project, pkg])
    expect(log).toContain(`release </comment><evil/> & "quotes" 'apos'\nsecond line ünï  %00 &amp;`)

    await expect(obs.publish({ project, package: pkg, files: [], message: 'x' })).rejects.toThrow(
      /file set is empty/,
    )
    for (const bad of ['../evil', '.hidden', 'a/b', 'new\nline', '']) {
      const recorder = recordingFetch()
      const { obs: strict } = client(recorder)
      const files = [{ name: bad, path: (await filesOf({ x: 'x' }))[0]!.path }]
      await expect(strict.publish({ project, package: pkg, files, message: 'x' })).rejects.toThrow(
        /OBS file name/,
      )
      expect(recorder.calls).toEqual([])
    }
  })

  it('reads alongside `ready` and writes nothing before it resolves, nor at all when it fails', async () => {
    const v1 = await debianSourceFiles({ upstream: '2.0', debian: '1' })
    let readyAt = 0
    const stamped: { method: string; after: boolean }[] = []
    const { obs } = client(recordingFetch((method) => void stamped.push({ method, after: readyAt > 0 })))
    const failed = obs
      .publish({
        ...{ project, package: 'gated', files: v1.files, message: 'm', create: true },
        ready: new Promise((_, reject) => setTimeout(() => reject(new Error('the version was taken')), 50)),
      })
      .catch((error: unknown) => error)
    expect(((await failed) as Error).message).toBe('the version was taken')
    // the read went out (the package's listing: 404), nothing else
    expect(stamped.map((call) => call.method)).toEqual(['GET'])
    expect(await server.osc(['ls', project])).not.toMatch(/^gated$/m)

    stamped.length = 0
    const ready = new Promise<void>((resolve) =>
      setTimeout(() => {
        readyAt = Date.now()
        resolve()
      }, 50),
    )
    const published = await obs.publish({
      ...{ project, package: 'gated', files: v1.files, message: 'm', create: true },
      ready,
    })
    expect(published).toMatchObject({ revision: '1', changed: true, uploaded: await sizes(v1.files) })
    const writes = stamped.filter((call) => call.method !== 'GET')
    expect(writes.map((call) => call.method).sort()).toEqual(['POST', 'POST', 'PUT', 'PUT', 'PUT', 'PUT'])
    expect(writes.every((call) => call.after)).toBe(true)
    expect(stamped[0]).toEqual({ method: 'GET', after: false })
  })

  it('fails clearly when the package does not exist and create is off', async () => {
    const { obs } = client()
    const files = await filesOf({ a: 'a' })
    const error = await obs
      .publish({ project, package: 'absent', files, message: 'x' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ObsHttpError)
    expect((error as ObsHttpError).status).toBe(404)
    expect((error as Error).message).toMatch(
      /GET \/source\/home:carrier\/absent → HTTP 404: package 'absent' does not exist/,
    )
  })
})
