import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve, sep } from 'node:path'

/** What a fault does to a request: answer 404, or send full headers and half the body then drop the socket. */
export type FaultKind = '404' | 'cut'

export interface ServedRequest {
  /** URL path as received (decoded, no query). */
  path: string
  status: number
  /** Body bytes written to the socket. */
  bytes: number
}

export interface StaticServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string
  requests: ServedRequest[]
  fault(pathSuffix: string, kind: FaultKind): () => void
  close(): Promise<void>
}

/**
 * Serves the files under `root` read-only on 127.0.0.1, as a plain mirror does: GET only, no directory
 * listings, nothing outside `root`, and the top-level directories in `hidden` (e.g. reprepro's conf/, db/)
 * answer 404 as they are not part of a published archive.
 */
export async function serveDirectory(root: string, hidden: string[] = []): Promise<StaticServer> {
  const base = resolve(root)
  const requests: ServedRequest[] = []
  const faults: { suffix: string; kind: FaultKind }[] = []

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const answer = (path: string, status: number) => {
      requests.push({ path, status, bytes: 0 })
      response.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': 0 }).end()
    }
    let path: string
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
    } catch {
      return answer(request.url ?? '', 400)
    }
    if (request.method !== 'GET') return answer(path, 405)
    // Checked after decoding: an encoded `..%2f` must not climb out of the root either.
    const file = resolve(base, `.${path}`)
    if (path.includes('\0') || path.split('/').includes('..') || !file.startsWith(base + sep))
      return answer(path, 403)
    if (hidden.includes(path.split('/')[1] ?? '')) return answer(path, 404)
    const fault = faults.find((f) => path.endsWith(f.suffix))
    if (fault?.kind === '404') return answer(path, 404)
    const isFile = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    )
    if (!isFile) return answer(path, 404)
    const body = await readFile(file)
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length })
    if (fault?.kind === 'cut') {
      const half = body.subarray(0, Math.floor(body.length / 2))
      requests.push({ path, status: 200, bytes: half.length })
      // Destroyed once the half is flushed: the client sees a body shorter than its Content-Length.
      response.write(half, () => response.socket?.destroy())
      return
    }
    requests.push({ path, status: 200, bytes: body.length })
    response.end(body)
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      requests.push({ path: request.url ?? '', status: 500, bytes: 0 })
      if (!response.headersSent) response.writeHead(500).end(String(error))
      else response.destroy()
    })
  })
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    fault(suffix, kind) {
      const entry = { suffix, kind }
      faults.unshift(entry) // the newest fault on a path wins
      return () => {
        const at = faults.indexOf(entry)
        if (at >= 0) faults.splice(at, 1)
      }
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
