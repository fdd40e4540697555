// Git smart HTTP on 127.0.0.1 that counts bytes: `git http-backend` (CGI) streamed through a node server,
// so a clone pipelines as it would from a real host, and every response byte is counted.
import { spawn } from 'node:child_process'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGunzip } from 'node:zlib'
import { parseCgi } from '../../test/support/git-http-server.js'

export interface Traffic {
  requests: number
  /** Response body bytes: what the git client received. */
  received: number
  /** Request body bytes as sent (gzip-compressed when git compressed them). */
  sent: number
}

export interface GitRequest {
  method: string
  url: string
  /** The protocol v2 command of a POST (`ls-refs`, `fetch`), else ''. */
  command: string
  received: number
}

export interface CountingGitServer {
  /** A bare repository `<root>/x.git` is at `${url}/x.git`. */
  url: string
  traffic(): Traffic
  /** Each request since the last reset, with the bytes its response carried. */
  log(): GitRequest[]
  reset(): void
  close(): Promise<void>
}

export async function startCountingGitServer(root: string): Promise<CountingGitServer> {
  let traffic: Traffic = { requests: 0, received: 0, sent: 0 }
  let log: GitRequest[] = []

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    traffic.requests++
    const entry: GitRequest = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      command: '',
      received: 0,
    }
    log.push(entry)
    const child = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        REQUEST_METHOD: request.method ?? 'GET',
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
        REMOTE_USER: 'bench',
        REMOTE_ADDR: '127.0.0.1',
        GATEWAY_INTERFACE: 'CGI/1.1',
        SERVER_PROTOCOL: 'HTTP/1.1',
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    })
    request.on('data', (chunk: Buffer) => (traffic.sent += chunk.length))
    const gzip = /gzip/i.test(request.headers['content-encoding'] ?? '')
    const body = gzip ? request.pipe(createGunzip()) : request
    body.once('data', (chunk: Buffer) => {
      entry.command = /command=([a-z-]+)/.exec(chunk.subarray(0, 200).toString('latin1'))?.[1] ?? ''
    })
    body.pipe(child.stdin)
    child.stdin.on('error', () => undefined) // the backend may exit before reading everything

    let head: Buffer | undefined = Buffer.alloc(0)
    child.stdout.on('data', (chunk: Buffer) => {
      if (head === undefined) {
        traffic.received += chunk.length
        entry.received += chunk.length
        if (!response.write(chunk)) {
          child.stdout.pause()
          response.once('drain', () => child.stdout.resume())
        }
        return
      }
      head = Buffer.concat([head, chunk])
      const parsed = parseCgi(head)
      if (!parsed) return
      const { status, headers, body } = parsed
      head = undefined
      response.writeHead(status, headers)
      traffic.received += body.length
      entry.received += body.length
      response.write(body)
    })
    child.stdout.on('end', () => {
      if (head !== undefined && !response.headersSent) response.writeHead(502)
      response.end()
    })
    child.on('error', (error) => {
      if (!response.headersSent) response.writeHead(500)
      response.end(String(error))
    })
  }

  const server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    traffic: () => ({ ...traffic }),
    log: () => log.map((entry) => ({ ...entry })),
    reset: () => {
      traffic = { requests: 0, received: 0, sent: 0 }
      log = []
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
