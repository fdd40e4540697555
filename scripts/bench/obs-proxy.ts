// A byte-counting reverse proxy in front of the OBS source server: every request the action or osc makes
// passes through it, so uploads are counted on the wire, not taken from the client's own report.
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ObsCall {
  method: string
  /** Path without the query. */
  path: string
  query: string
  /** Request body bytes. */
  sent: number
  /** Response body bytes. */
  received: number
  status: number
}

export interface CountingObsProxy {
  url: string
  calls(): ObsCall[]
  reset(): void
  close(): Promise<void>
}

export async function startObsProxy(target: string): Promise<CountingObsProxy> {
  const upstream = new URL(target)
  let calls: ObsCall[] = []
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const call: ObsCall = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      sent: 0,
      received: 0,
      status: 0,
    }
    calls.push(call)
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: upstream.host },
      },
      (reply) => {
        call.status = reply.statusCode ?? 0
        response.writeHead(reply.statusCode ?? 502, reply.headers)
        reply.on('data', (chunk: Buffer) => (call.received += chunk.length))
        reply.pipe(response)
      },
    )
    forward.on('error', (error) => {
      call.status = 502
      if (!response.headersSent) response.writeHead(502)
      response.end(String(error))
    })
    request.on('data', (chunk: Buffer) => (call.sent += chunk.length))
    request.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => calls.map((call) => ({ ...call })),
    reset: () => {
      calls = []
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/** Bytes of file contents sent: the bodies of PUT requests for files of a package. */
export const uploadedBytes = (calls: readonly ObsCall[]): number =>
  calls
    .filter((call) => call.method === 'PUT' && !call.path.endsWith('/_meta'))
    .reduce((n, c) => n + c.sent, 0)

/** Bytes of every request body (uploads plus file lists, metadata, commit messages). */
export const sentBytes = (calls: readonly ObsCall[]): number => calls.reduce((n, call) => n + call.sent, 0)
