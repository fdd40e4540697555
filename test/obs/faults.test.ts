import { stat } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createObsClient, ObsTransientError, type PublishFile } from '../../src/obs/index.js'
import { debianSourceFiles, md5sOf } from '../support/obs-fixtures.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import { startFaultProxy, type Fault, type FaultProxy } from '../support/obs-proxy.js'

const project = 'home:faults'
let server: ObsTestServer
let proxy: FaultProxy

beforeAll(async () => {
  server = await startObsServer()
  await server.createProject(project)
  proxy = await startFaultProxy(server.apiUrl)
})
afterAll(async () => {
  await proxy?.close()
  await server?.stop()
})

const timeoutMs = 1500

function client(attempts = 4) {
  const logs: string[] = []
  const obs = createObsClient({
    apiUrl: proxy.url,
    auth: { user: 'carrier', password: 'fault-test-password' },
    retry: { attempts, baseDelayMs: 5, timeoutMs },
    log: (line) => logs.push(line),
  })
  return { obs, logs }
}

/** A package at revision 1 (version 1.0) and the files of version 1.1; faults start afterwards. */
async function setup(pkg: string) {
  proxy.setFaults(() => undefined)
  const { obs, logs } = client()
  const v1 = await debianSourceFiles({ upstream: '1.0', debian: '1' }, { origBytes: 200_000 })
  await obs.publish({ project, package: pkg, files: v1.files, message: 'v1', create: true })
  const v2 = await debianSourceFiles({ upstream: '1.1', debian: '1' }, { origBytes: 200_000 })
  logs.length = 0
  return { obs, logs, v1: v1.files, v2: v2.files, start: proxy.requests.length }
}

/** Injects `fault` into the requests of `method` whose count (from now on) satisfies `which`. */
function faultOn(method: string, which: number | ((n: number) => boolean), fault: Fault): void {
  let seen = 0
  proxy.setFaults((request) => {
    if (method !== '*' && request.method !== method) return undefined
    seen++
    return (typeof which === 'number' ? seen === which : which(seen)) ? fault : undefined
  })
}

/** Reads the package directly (not through the proxy): it holds exactly the old set or exactly the new one. */
async function stateOf(
  pkg: string,
  old: PublishFile[],
  next: PublishFile[],
): Promise<{ revision: string; is: 'old' | 'new' }> {
  const direct = createObsClient({ apiUrl: server.apiUrl, auth: { user: 'check', password: 'x' } })
  const state = await direct.readPackage({ project, package: pkg })
  const files = Object.fromEntries(state.files.map((f) => [f.name, f.md5]))
  if (JSON.stringify(files) === JSON.stringify(sorted(await md5sOf(old))))
    return { revision: state.revision, is: 'old' }
  expect(files).toEqual(sorted(await md5sOf(next)))
  return { revision: state.revision, is: 'new' }
}

const sorted = (record: Record<string, string>) =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)))
const uploadedBytes = (files: { bytes: number }[]) => files.reduce((sum, f) => sum + f.bytes, 0)

describe('faults between the client and OBS', () => {
  it('retries 503 on the commit and on an upload, committing exactly once', async () => {
    const pkg = 'status'
    const { obs, logs, v1, v2 } = await setup(pkg)
    let posts = 0
    let puts = 0
    proxy.setFaults(({ method }) => {
      if (method === 'POST' && ++posts === 1) return { status: 503 }
      if (method === 'PUT' && ++puts === 2) return { status: 502 }
      return undefined
    })
    const result = await obs.publish({ project, package: pkg, files: v2, message: 'v2' })
    expect(result).toMatchObject({ revision: '2', changed: true })
    expect(await stateOf(pkg, v1, v2)).toEqual({ revision: '2', is: 'new' })
    expect(logs.join('\n')).toMatch(/HTTP 503: injected fault.*re-reading/)
    expect(logs.join('\n')).toMatch(/→ 502[\s\S]*retrying in \d+ ms \(attempt 2 of 4\)/)
  })

  it('settles a commit whose reply came too late (timeout) or never (dropped) by re-reading: no second revision', async () => {
    for (const [pkg, fault] of [
      ['late-reply', { delayReplyMs: timeoutMs + 500 }],
      ['lost-reply', { cutReply: true }],
    ] as const) {
      const { obs, logs, v1, v2 } = await setup(pkg)
      faultOn('POST', 2, fault) // the second POST is the one that commits (the first asks for uploads)
      const result = await obs.publish({ project, package: pkg, files: v2, message: 'v2' })
      expect(result).toMatchObject({ revision: '2', changed: true })
      expect(uploadedBytes(result.uploaded)).toBe(
        uploadedBytes((await sizesOf(v2)).map((bytes) => ({ bytes }))),
      )
      expect(await stateOf(pkg, v1, v2)).toEqual({ revision: '2', is: 'new' })
      expect(logs.join('\n')).toMatch(/outcome unknown \(.*(timed out|ECONNRESET|other side closed|socket)/i)
    }
  })

  it('re-sends an upload whose connection was cut halfway; the stored file is complete', async () => {
    const pkg = 'cut-upload'
    const { obs, v1, v2, start } = await setup(pkg)
    let cut = false
    proxy.setFaults(({ method, url }) => {
      if (method !== 'PUT' || !url.includes('.orig.tar.gz') || cut) return undefined
      cut = true
      return { cutRequestAfterBytes: 64 * 1024 }
    })
    const result = await obs.publish({ project, package: pkg, files: v2, message: 'v2' })
    expect(result.revision).toBe('2')
    expect(await stateOf(pkg, v1, v2)).toEqual({ revision: '2', is: 'new' })
    const origPuts = proxy.requests
      .slice(start)
      .filter((r) => r.method === 'PUT' && r.url.includes('.orig.tar.gz'))
    expect(origPuts.map((r) => r.bytes < 200_000)).toEqual([true, false]) // cut part-way, then sent whole
    expect(result.uploaded.find((u) => u.name === 'hello_1.1.orig.tar.gz')).toEqual({
      name: 'hello_1.1.orig.tar.gz',
      bytes: 200_000,
    })
  })

  it('leaves the old revision when the commit keeps failing, and a later run converges without re-uploading', async () => {
    const pkg = 'gives-up'
    const { v1, v2, start } = await setup(pkg)
    faultOn('POST', (n) => n >= 2, { status: 503 }) // uploads go through, every committing POST fails
    const { obs } = client(3)
    const error = await obs
      .publish({ project, package: pkg, files: v2, message: 'v2' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ObsTransientError)
    expect((error as Error).message).toMatch(
      /POST \/source\/home:faults\/gives-up\?cmd=commitfilelist.*HTTP 503/,
    )
    expect(await stateOf(pkg, v1, v2)).toEqual({ revision: '1', is: 'old' })
    expect((await server.osc(['ls', project, pkg])).trim().split('\n')).toEqual(v1.map((f) => f.name).sort())
    const failedUploads = proxy.requests.slice(start).filter((r) => r.method === 'PUT')
    expect(failedUploads).toHaveLength(v2.length)

    // the uploads of the failed run are stored but invisible; the next run only proves it has them (sha256)
    proxy.setFaults(() => undefined)
    const again = await obs.publish({ project, package: pkg, files: v2, message: 'v2' })
    expect(again).toMatchObject({ revision: '2', changed: true, uploaded: [] })
    expect(await stateOf(pkg, v1, v2)).toEqual({ revision: '2', is: 'new' })
  })
  it('ends at the old or the complete new revision whichever request fails, and a re-run converges on one revision', async () => {
    const faults: Fault[] = [{ cutReply: true }, { cutRequestAfterBytes: 10 }]
    // a clean publish of v2 makes 7 requests: GET, POST (missing), 3 PUTs, GET (moved?), POST (commit)
    for (let n = 1; n <= 7; n++) {
      for (const [kind, fault] of faults.entries()) {
        const pkg = `sweep-${n}-${kind}`
        const { v1, v2 } = await setup(pkg)
        faultOn('*', n, fault)
        const { obs } = client(1) // no retries: every fault is final for this run
        const outcome = await obs.publish({ project, package: pkg, files: v2, message: 'v2' }).then(
          () => 'ok',
          (e: Error) => e.name,
        )
        const after = await stateOf(pkg, v1, v2)
        expect([`${outcome} ${after.is} r${after.revision}`]).toContainEqual(
          expect.stringMatching(/^(ok new r2|ObsTransientError (old r1|new r2))$/),
        )
        proxy.setFaults(() => undefined)
        expect((await obs.publish({ project, package: pkg, files: v2, message: 'v2' })).revision).toBe('2')
      }
    }
  })
})

async function sizesOf(files: PublishFile[]): Promise<number[]> {
  return Promise.all(files.map(async (file) => (await stat(file.path)).size))
}
