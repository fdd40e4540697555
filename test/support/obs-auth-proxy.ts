import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { readFile, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { forward } from './obs-proxy.js'
import { tempDir } from './tmp.js'

/** What the proxy demands before it forwards to the OBS server. */
export type AuthMode =
  | { kind: 'basic'; user: string; password: string }
  /** OBS's SSH signature scheme, checked with `ssh-keygen -Y verify` against an allowed_signers file. */
  | { kind: 'ssh'; user: string; allowedSigners: string; realm: string }

export interface AuthProxy {
  url: string
  /** How each request was let in (or not). */
  log: { method: string; url: string; via: 'basic' | 'signature' | 'cookie' | 'rejected' }[]
  /** Every credential the proxy saw or issued (Authorization values, session cookies): none may leak. */
  seenSecrets: string[]
  close(): Promise<void>
}

/** A test key pair (ed25519, no passphrase) and an allowed_signers file naming `user`. */
export async function makeTestSshKey(user: string): Promise<{ privateKey: string; allowedSigners: string }> {
  const dir = await tempDir('pc-obs-sshkey-')
  const key = join(dir, 'id_ed25519')
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'patch-carrier-test', '-f', key])
  const allowedSigners = join(dir, 'allowed_signers')
  await writeFile(allowedSigners, `${user} ${(await readFile(`${key}.pub`, 'utf8')).trim()}\n`)
  return { privateKey: await readFile(key, 'utf8'), allowedSigners }
}

/** Starts a proxy in front of `target` that lets only authenticated requests through. */
export async function startAuthProxy(target: string, mode: AuthMode): Promise<AuthProxy> {
  const upstream = new URL(target)
  const sessions = new Set<string>()
  const log: AuthProxy['log'] = []
  const seenSecrets: string[] = []
  const workDir = await tempDir('pc-obs-authproxy-')

  const admit = async (
    req: IncomingMessage,
  ): Promise<{ via: 'basic' | 'signature' | 'cookie'; cookie?: string } | undefined> => {
    const session = /(?:^|;\s*)openSUSE_session=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1]
    if (session && sessions.has(session)) return { via: 'cookie' }
    const authorization = req.headers.authorization ?? ''
    if (authorization) seenSecrets.push(authorization, authorization.replace(/^\S+\s+/, ''))
    const signature = /signature="([^"]+)"/.exec(authorization)?.[1]
    if (signature) seenSecrets.push(signature)
    if (mode.kind === 'basic') {
      const expected = `Basic ${Buffer.from(`${mode.user}:${mode.password}`).toString('base64')}`
      return authorization === expected ? { via: 'basic' } : undefined
    }
    if (!(await verifySignature(authorization, mode, workDir))) return undefined
    const cookie = randomBytes(16).toString('hex')
    sessions.add(cookie)
    seenSecrets.push(cookie)
    return { via: 'signature', cookie }
  }

  const server = createServer((req, res) => {
    res.on('error', () => undefined)
    admit(req).then(
      (admitted) => {
        log.push({ method: req.method ?? '', url: req.url ?? '', via: admitted?.via ?? 'rejected' })
        if (!admitted) {
          req.resume()
          const challenge =
            mode.kind === 'basic'
              ? 'Basic realm="Use your developer account"'
              : `Signature realm="${mode.realm}",headers="(created)"`
          res.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'text/xml' })
          res.end(
            '<status code="authentication_required">\n  <summary>Authentication required</summary>\n</status>\n',
          )
          return
        }
        if (admitted.cookie) {
          const setCookie = `openSUSE_session=${admitted.cookie}; path=/; HttpOnly`
          const writeHead = res.writeHead.bind(res) as (
            status: number,
            headers?: Record<string, unknown>,
          ) => typeof res
          res.writeHead = ((status: number, headers?: Record<string, unknown>) =>
            writeHead(status, { ...headers, 'set-cookie': setCookie })) as typeof res.writeHead
        }
        // the server never sees credentials
        forward(upstream, req, res, {}, { authorization: undefined, cookie: undefined })
      },
      () => res.destroy(),
    )
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    seenSecrets,
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

/** Checks `Signature keyId=…,created=…,signature=…` the way OBS does: over `(created): <ts>`, 5 minutes' slack. */
async function verifySignature(
  authorization: string,
  mode: Extract<AuthMode, { kind: 'ssh' }>,
  workDir: string,
): Promise<boolean> {
  if (!authorization.startsWith('Signature ')) return false
  const params = new Map<string, string>()
  for (const match of authorization.slice('Signature '.length).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    params.set(match[1] ?? '', match[2] ?? match[3] ?? '')
  }
  const created = Number(params.get('created'))
  const signature = params.get('signature') ?? ''
  if (
    params.get('keyId') !== mode.user ||
    params.get('algorithm') !== 'ssh' ||
    params.get('headers') !== '(created)'
  )
    return false
  if (
    !Number.isInteger(created) ||
    Math.abs(Date.now() / 1000 - created) > 300 ||
    !/^[A-Za-z0-9+/=]+$/.test(signature)
  )
    return false
  const file = join(workDir, `sig-${randomBytes(6).toString('hex')}`)
  const lines = signature.match(/.{1,70}/g) ?? []
  await writeFile(file, `-----BEGIN SSH SIGNATURE-----\n${lines.join('\n')}\n-----END SSH SIGNATURE-----\n`)
  const result = await run(
    'ssh-keygen',
    ['-Y', 'verify', '-f', mode.allowedSigners, '-I', mode.user, '-n', mode.realm, '-s', file],
    { input: `(created): ${created}`, okCodes: [0, 255] },
  )
  return result.code === 0
}
