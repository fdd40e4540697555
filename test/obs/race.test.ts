import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createObsClient, ObsConcurrentCommitError } from '../../src/obs/index.js'
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

const project = 'home:race'
const constraintsA = '<constraints><hardware><disk><size unit="G">4</size></disk></hardware></constraints>\n'
const constraintsB = '<constraints><hardware><disk><size unit="G">8</size></disk></hardware></constraints>\n'
let server: ObsTestServer

beforeAll(async () => {
  server = await startObsServer()
  await server.createProject(project)
})
afterAll(() => server?.stop())

type Hook = (request: { method: string; n: number }) => Promise<void>

/** A package at revision 1 holding version 1.0 and `_constraints` A; `hook` runs before each request (n counts per method). */
async function setup(pkg: string, hook: Hook) {
  const logs: string[] = []
  const counts = new Map<string, number>()
  let active: Hook = async () => undefined
  const recorder = recordingFetch(async (method) => {
    counts.set(method, (counts.get(method) ?? 0) + 1)
    await active({ method, n: counts.get(method) ?? 0 })
  })
  const obs = createObsClient({
    apiUrl: server.apiUrl,
    auth: { user: 'carrier', password: 'x' },
    fetch: recorder.fetch,
    retry: { attempts: 3, baseDelayMs: 5, timeoutMs: 10_000 },
    log: (line) => logs.push(line),
  })
  const v1 = await debianSourceFiles({ upstream: '1.0', debian: '1' }, { origBytes: 4096 })
  const extra = await filesOf({ _constraints: constraintsA })
  await obs.publish({ project, package: pkg, files: [...v1.files, ...extra], message: 'v1', create: true })
  counts.clear()
  recorder.calls.length = 0
  active = hook
  const v2 = await debianSourceFiles({ upstream: '1.1', debian: '1' }, { origBytes: 4096 })
  return { obs, logs, v2, calls: recorder.calls }
}

const listing = async (obs: ReturnType<typeof createObsClient>, pkg: string) =>
  Object.fromEntries((await obs.readPackage({ project, package: pkg })).files.map((f) => [f.name, f.md5]))

describe('a commit by someone else while publishing is never overwritten', () => {
  it('is refused by OBS when it changed a kept file before our commit; we re-plan on top of it', async () => {
    const pkg = 'kept-changed'
    const { obs, logs, v2 } = await setup(pkg, async ({ method, n }) => {
      if (method === 'POST' && n === 1)
        await oscCommit(server, project, pkg, { _constraints: constraintsB }, 'bigger disk')
    })
    const result = await obs.publish({ project, package: pkg, files: v2.files, message: 'v2' })
    expect(result).toMatchObject({ revision: '3', changed: true })
    expect(await listing(obs, pkg)).toEqual({ ...(await md5sOf(v2.files)), _constraints: md5(constraintsB) })
    expect(logs.join('\n')).toContain('revision 2 was committed meanwhile')
    const log = await server.osc(['log', project, pkg])
    expect(log).toMatch(/r2 \| osc-user[\s\S]*bigger disk/)
  })

  it('is detected before the committing POST (after our uploads) and the upload is not repeated', async () => {
    const pkg = 'moved-after-upload'
    const { obs, logs, v2, calls } = await setup(pkg, async ({ method, n }) => {
      if (method === 'PUT' && n === 1) await oscPutFile(server, project, pkg, 'README.obs', 'note\n')
    })
    const result = await obs.publish({ project, package: pkg, files: v2.files, message: 'v2' })
    // their revision 2 stays in history; ours (3) is planned on it: kept files from 2, their non-kept note removed by design
    expect(result).toMatchObject({
      revision: '3',
      changed: true,
      removed: expect.arrayContaining(['README.obs']),
    })
    expect(await listing(obs, pkg)).toEqual({ ...(await md5sOf(v2.files)), _constraints: md5(constraintsA) })
    const uploadedBytes = calls.filter((c) => c.method === 'PUT').reduce((sum, c) => sum + c.bytes, 0)
    expect(uploadedBytes).toBe(result.uploaded.reduce((sum, u) => sum + u.bytes, 0))
    expect(result.uploaded.map((u) => u.name).sort()).toEqual(v2.files.map((f) => f.name).sort())
    expect(logs.join('\n')).toContain('revision 2 was committed meanwhile')
  })

  it('is detected from the revision in the reply when it lands just before our commit, and its kept files are restored', async () => {
    const pkg = 'raced'
    // osc commits right before our committing POST reaches OBS: no re-read can see it coming
    const { obs, logs, v2 } = await setup(pkg, async ({ method, n }) => {
      if (method === 'POST' && n === 2) {
        await oscPutFile(server, project, pkg, '_multibuild', '<multibuild><flavor>x</flavor></multibuild>\n')
      }
    })
    const result = await obs.publish({ project, package: pkg, files: v2.files, message: 'v2' })
    expect(result).toMatchObject({ revision: '4', changed: true })
    expect(await listing(obs, pkg)).toEqual({
      ...(await md5sOf(v2.files)),
      _constraints: md5(constraintsA),
      _multibuild: md5('<multibuild><flavor>x</flavor></multibuild>\n'),
    })
    expect(logs.join('\n')).toMatch(/revision 2 was committed just before ours \(3\)/)
    expect(result.removed).toEqual(['hello_1.0-1.debian.tar.xz', 'hello_1.0-1.dsc', 'hello_1.0.orig.tar.gz'])
    expect(await server.osc(['log', project, pkg])).toMatch(
      /^r4 \| carrier[\s\S]*^r3 \| carrier[\s\S]*^r2 \| osc-user[\s\S]*add _multibuild/m,
    )
  })

  it('fails clearly when the package keeps moving, leaving it at their revision', async () => {
    const pkg = 'busy'
    let round = 0
    const { obs, v2 } = await setup(pkg, async ({ method, n }) => {
      if (method === 'POST' && n <= 2) {
        await oscPutFile(server, project, pkg, '_constraints', `<constraints/><!-- ${++round} -->\n`)
      }
    })
    const error = await obs
      .publish({ project, package: pkg, files: v2.files, message: 'v2' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ObsConcurrentCommitError)
    expect((error as Error).message).toMatch(
      /committed to by someone else twice.*nothing was committed; the package stays at their revision 3/s,
    )
    const state = await obs.readPackage({ project, package: pkg })
    expect(state.revision).toBe('3')
    expect(state.files.map((f) => f.name)).not.toContain('hello_1.1.orig.tar.gz')
  })
})
