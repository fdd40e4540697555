// Byte-counting servers on 127.0.0.1: git smart HTTP (`git http-backend` streamed through node, so a clone
// pipelines as from a real host) and a reverse proxy in front of the OBS source server; every request is
// logged with the bytes each way, counted on the wire.
import { spawn } from 'node:child_process'
import { createServer, request as httpRequest, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGunzip } from 'node:zlib'
import { parseCgi } from '../../test/support/git-http-server.js'

/** A logged request: `command` is the protocol v2 command of a git POST (`ls-refs`: a ref listing, `fetch`: a
 * pack), `sent` the body as sent (gzip-compressed when git compressed it), `received` the response body. */
const logged = (method = 'GET', url = '/') => ({
  ...{ method, path: new URL(url, 'http://x').pathname, command: '' },
  ...{ sent: 0, received: 0, status: 0 },
})
type Request = ReturnType<typeof logged>
export type Counting = Awaited<ReturnType<typeof listen>>

export const traffic = (log: readonly Request[]) => ({
  requests: log.length,
  received: log.reduce((n, r) => n + r.received, 0),
  sent: log.reduce((n, r) => n + r.sent, 0),
})

async function listen(handle: (log: Request[]) => RequestListener) {
  let log: Request[] = []
  const server = createServer((request, response) => handle(log)(request, response))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log: () => log.map((entry) => ({ ...entry })),
    traffic: () => traffic(log),
    reset: () => void (log = []),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/** The bare repositories under `root` over smart HTTP: `<root>/x.git` is at `${url}/x.git`. */
export const startCountingGitServer = (root: string) =>
  listen((log) => (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const item = logged(request.method, request.url)
    log.push(item)
    const cgi = {
      ...{ GIT_PROJECT_ROOT: root, GIT_HTTP_EXPORT_ALL: '1', PATH_INFO: decodeURIComponent(url.pathname) },
      ...{ REQUEST_METHOD: item.method, QUERY_STRING: url.search.replace(/^\?/, '') },
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      ...{ REMOTE_USER: 'bench', REMOTE_ADDR: '127.0.0.1' },
      ...{ GATEWAY_INTERFACE: 'CGI/1.1', SERVER_PROTOCOL: 'HTTP/1.1' },
    }
    const env = { ...process.env, ...cgi }
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] })
    request.on('data', (chunk: Buffer) => (item.sent += chunk.length))
    const body = /gzip/i.test(request.headers['content-encoding'] ?? '')
      ? request.pipe(createGunzip())
      : request
    body.once('data', (chunk: Buffer) => {
      item.command = /command=([a-z-]+)/.exec(chunk.subarray(0, 200).toString('latin1'))?.[1] ?? ''
    })
    body.pipe(child.stdin)
    child.stdin.on('error', () => undefined) // the backend may exit before reading everything
    let head: Buffer | undefined = Buffer.alloc(0)
    child.stdout.on('data', (chunk: Buffer) => {
      if (head !== undefined) {
        const parsed = parseCgi((head = Buffer.concat([head, chunk])))
        if (!parsed) return
        head = undefined
        item.status = parsed.status
        response.writeHead(parsed.status, parsed.headers)
        chunk = parsed.body
      }
      item.received += chunk.length
      if (!response.write(chunk)) {
        child.stdout.pause()
        response.once('drain', () => child.stdout.resume())
      }
    })
    child.stdout.on('end', () => {
      if (head !== undefined && !response.headersSent) response.writeHead(502)
      response.end()
    })
    child.on('error', (error) => {
      if (!response.headersSent) response.writeHead(500)
      response.end(String(error))
    })
  })

export const startObsProxy = (target: string) =>
  listen((log) => (request, response) => {
    const upstream = new URL(target)
    const item = logged(request.method, request.url)
    log.push(item)
    const { hostname: host, port } = upstream
    const headers = { ...request.headers, host: upstream.host }
    const forward = httpRequest(
      { host, port, method: request.method, path: request.url, headers },
      (reply) => {
        item.status = reply.statusCode ?? 0
        response.writeHead(reply.statusCode ?? 502, reply.headers)
        reply.on('data', (chunk: Buffer) => (item.received += chunk.length))
        reply.pipe(response)
      },
    )
    forward.on('error', (error) => {
      item.status = 502
      if (!response.headersSent) response.writeHead(502)
      response.end(String(error))
    })
    request.on('data', (chunk: Buffer) => (item.sent += chunk.length))
    request.pipe(forward)
  })

/** Bytes of packs (protocol v2 `fetch` responses) among requests; the rest are ref listings. */
export const packs = (log: readonly Request[]) => traffic(log.filter((r) => r.command === 'fetch')).received

export const uploads = (log: readonly Request[]) =>
  log
    .filter((r) => r.method === 'PUT' && !r.path.endsWith('/_meta'))
    .map((r) => ({ name: decodeURIComponent(r.path.split('/').pop() ?? ''), bytes: r.sent }))
