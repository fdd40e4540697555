import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createObsClient,
  createSshKeygenSigner,
  ObsAuthError,
  type ObsClientOptions,
} from '../../src/obs/index.js'
import { makeTestSshKey, startAuthProxy, type AuthProxy } from '../support/obs-auth-proxy.js'
import { filesOf } from '../support/obs-fixtures.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import { tempDir } from '../support/tmp.js'

const project = 'home:auth'
const user = 'carrier'
const password = 'S3cret-pa55:word "with" <xml> & spaces'
const realm = 'Use your developer account'
let server: ObsTestServer
const proxies: AuthProxy[] = []
/** Everything the client said: log lines, error messages and stacks. Scanned for secrets at the end. */
const said: string[] = []
const secrets: string[] = [password, Buffer.from(`${user}:${password}`).toString('base64')]

beforeAll(async () => {
  server = await startObsServer()
  await server.createProject(project)
})
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()))
  await server?.stop()
})

async function proxy(mode: Parameters<typeof startAuthProxy>[1]): Promise<AuthProxy> {
  const started = await startAuthProxy(server.apiUrl, mode)
  proxies.push(started)
  return started
}

function client(apiUrl: string, auth: ObsClientOptions['auth'], extra: Partial<ObsClientOptions> = {}) {
  return createObsClient({
    apiUrl,
    auth,
    retry: { attempts: 2, baseDelayMs: 5, timeoutMs: 10_000 },
    log: (line) => said.push(line),
    ...extra,
  })
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: Error) => e,
  )
  said.push(error.message, String(error.stack), JSON.stringify(error))
  return error
}

describe('OBS authentication', () => {
  it('sends basic auth; a wrong password fails clearly without the secret', async () => {
    const basic = await proxy({ kind: 'basic', user, password })
    const files = await filesOf({ 'a.txt': 'a\n' })
    const result = await client(basic.url, { user, password }).publish({
      project,
      package: 'basic',
      files,
      message: 'm',
      create: true,
    })
    expect(result.revision).toBe('1')
    expect(new Set(basic.log.map((entry) => entry.via))).toEqual(new Set(['basic']))

    const error = await failure(
      client(basic.url, { user, password: `${password}-wrong` }).readPackage({ project, package: 'basic' }),
    )
    expect(error).toBeInstanceOf(ObsAuthError)
    expect(error.message).toMatch(
      /^OBS rejected the credentials of user 'carrier' \(HTTP 401 on GET \/source\/home:auth\/basic: Authentication required\)/,
    )
    secrets.push(
      `${password}-wrong`,
      Buffer.from(`${user}:${password}-wrong`).toString('base64'),
      ...basic.seenSecrets,
    )
  })

  it('answers the SSH signature challenge with ssh-keygen, then rides the session cookie', async () => {
    const key = await makeTestSshKey(user)
    secrets.push(key.privateKey)
    const ssh = await proxy({ kind: 'ssh', user, allowedSigners: key.allowedSigners, realm })
    const keyRoot = await tempDir('pc-obs-keyroot-')
    const obs = client(ssh.url, { user, sshKey: key.privateKey }, { signer: createSshKeygenSigner(keyRoot) })
    const files = await filesOf({ 'a.txt': 'a\n', 'b.txt': 'b\n' })
    const result = await obs.publish({ project, package: 'ssh', files, message: 'm', create: true })
    expect(result).toMatchObject({ revision: '1', changed: true })
    const via = ssh.log.map((entry) => entry.via)
    expect(via.slice(0, 2)).toEqual(['rejected', 'signature'])
    expect(via.slice(2).every((v) => v === 'cookie')).toBe(true)
    expect(via.length).toBeGreaterThan(5)
    expect(await readdir(keyRoot)).toEqual([]) // the key file is gone

    // a key the server does not know: a clear auth error, and again no key file left behind
    const stranger = await makeTestSshKey(user)
    secrets.push(stranger.privateKey)
    const rejected = client(
      ssh.url,
      { user, sshKey: stranger.privateKey },
      { signer: createSshKeygenSigner(keyRoot) },
    )
    const error = await failure(rejected.readPackage({ project, package: 'ssh' }))
    expect(error).toBeInstanceOf(ObsAuthError)
    expect(error.message).toMatch(/rejected the credentials of user 'carrier' \(HTTP 401/)
    expect(await readdir(keyRoot)).toEqual([])

    // a key ssh-keygen cannot read fails with ssh-keygen's reason, and cleans up too
    const broken = client(ssh.url, { user, sshKey: 'not a key' }, { signer: createSshKeygenSigner(keyRoot) })
    expect((await failure(broken.readPackage({ project, package: 'ssh' }))).message).toMatch(
      /ssh-keygen could not sign with obs-ssh-key/,
    )
    expect(await readdir(keyRoot)).toEqual([])
    secrets.push(...ssh.seenSecrets)
  })

  it('never lets a secret into a log line or an error', () => {
    expect(said.length).toBeGreaterThan(10)
    const text = said.join('\n')
    const leaks = secrets
      .flatMap((secret) => [secret, ...secret.split('\n').filter((line) => line.length >= 16)])
      .filter((secret) => secret && text.includes(secret))
    expect(leaks).toEqual([])
  })
})
