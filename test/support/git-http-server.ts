import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { gunzipSync } from 'node:zlib'
import { run } from '../../src/process/run.js'

/**
 * Real git smart HTTP for the bare repositories under `root`: `git http-backend` (CGI) behind a node
 * server on 127.0.0.1 that, like GitHub, demands `Authorization: Basic base64(x-access-token:TOKEN)` on
 * every request (without a token: serves anyone). The request log never holds the Authorization header, so a
 * test can assert the token appears nowhere (not in URLs either). Responses stream as http-backend writes
 * them, paced by the client, so a clone pipelines as from a real host; the log counts the bytes each way.
 */

export interface GitHttpRequest {
  method: string
  /** Path and query as received. */
  url: string
  status: number
  /** Whether the request carried the right token. */
  authorized: boolean
  /** Whether the request body came gzip-compressed (git does this for large negotiations). */
  gzip: boolean
  /** The protocol v2 command of a POST (`ls-refs`: a ref listing, `fetch`: a pack), or ''. */
  command: string
  /** Bytes of the request body as sent (compressed when `gzip`) and of the response body. */
  sent: number
  received: number
}

export interface GitHttpServer {
  /** Base URL: a repository `<root>/fork.git` is at `${url}/fork.git`. */
  url: string
  requests(): GitHttpRequest[]
  close(): Promise<void>
}

const ANY_EXIT = Array.from({ length: 256 }, (_, code) => code)

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

/** Splits CGI output into status, headers and body; undefined while the headers are incomplete. */
export function parseCgi(
  output: Buffer,
): { status: number; headers: Record<string, string>; body: Buffer } | undefined {
  let end = output.indexOf('\r\n\r\n')
  let separator = 4
  if (end < 0) {
    end = output.indexOf('\n\n')
    separator = 2
  }
  if (end < 0) return undefined
  const headers: Record<string, string> = {}
  let status = 200
  for (const line of output.subarray(0, end).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500
    else headers[name] = value
  }
  return { status, headers, body: output.subarray(end + separator) }
}

export async function startGitHttpServer(options: { root: string; token?: string }): Promise<GitHttpServer> {
  const expected = Buffer.from(`x-access-token:${options.token}`).toString('base64')
  const log: GitHttpRequest[] = []

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const raw = await readBody(request)
    const gzip = /gzip/i.test(request.headers['content-encoding'] ?? '')
    const credentials = /^basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')
    const authorized = options.token === undefined || credentials?.[1] === expected
    const [method, path] = [request.method ?? 'GET', `${url.pathname}${url.search}`]
    const entry = { method, url: path, authorized, gzip, command: '', sent: raw.length, received: 0 }
    if (!authorized) {
      log.push({ ...entry, status: 401 })
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' })
      response.end('Authentication required\n')
      return
    }
    const body = gzip ? gunzipSync(raw) : raw
    entry.command = /command=([a-z-]+)/.exec(body.subarray(0, 200).toString('latin1'))?.[1] ?? ''
    let head: Buffer | undefined = Buffer.alloc(0) // http-backend's CGI headers, until they are complete
    let status = 0
    let waiting: (() => void) | undefined // a write held until the client has drained the response
    response.on('close', () => waiting?.()) // a client gone: the rest is read and dropped
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (head !== undefined) {
          const cgi = parseCgi((head = Buffer.concat([head, chunk])))
          if (!cgi) return done()
          head = undefined
          status = cgi.status
          response.writeHead(cgi.status, cgi.headers)
          chunk = cgi.body
        }
        entry.received += chunk.length
        if (response.destroyed || response.write(chunk)) return done()
        waiting = () => ((waiting = undefined), done())
        response.once('drain', () => waiting?.())
      },
    })
    const result = await run('git', ['http-backend'], {
      input: body,
      stdoutTo: sink,
      okCodes: ANY_EXIT,
      env: {
        GIT_PROJECT_ROOT: options.root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        REQUEST_METHOD: entry.method,
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        CONTENT_LENGTH: String(body.length),
        GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
        GATEWAY_INTERFACE: 'CGI/1.1',
        SERVER_PROTOCOL: 'HTTP/1.1',
      },
    })
    await finished(sink)
    if (head !== undefined) {
      log.push({ ...entry, status: 500 })
      response.writeHead(500, { 'Content-Type': 'text/plain' })
      response.end(`git http-backend gave no CGI headers (exit ${result.code}): ${result.stderr}`)
      return
    }
    log.push({ ...entry, status })
    response.end()
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.push({
        method: request.method ?? '',
        url: request.url ?? '',
        status: 500,
        authorized: false,
        gzip: false,
        ...{ command: '', sent: 0, received: 0 },
      })
      response.writeHead(500, { 'Content-Type': 'text/plain' })
      response.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => [...log],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
