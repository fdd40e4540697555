import { once } from 'node:events'
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the proxy does to one request. */
export type Fault =
  /** Answers this status itself; the server never sees the request. */
  | { status: number }
  /** Forward; hold the server's reply this long before passing it on (the work is done, the reply is late). */
  | { delayReplyMs: number }
  /** Forward the headers and this many body bytes, then cut both connections (upload lost). */
  | { cutRequestAfterBytes: number }
  /** Forward everything, then cut the client's connection instead of replying (work done, reply lost). */
  | { cutReply: true }
  /** Forward; run this before passing the reply on (something else happens while the request is out). */
  | { thenRun: () => Promise<void> }

export interface ProxiedRequest {
  /** 1-based count over the proxy's life. */
  n: number
  method: string
  url: string
  /** Request body bytes the proxy received. */
  bytes: number
  /** Response body bytes the server sent back. */
  received: number
  fault?: Fault
  status?: number
}

export interface FaultProxy {
  url: string
  requests: ProxiedRequest[]
  /** Decides the fault per request (undefined: pass through). */
  setFaults(decide: (request: { n: number; method: string; url: string }) => Fault | undefined): void
  close(): Promise<void>
}

/** Starts an HTTP proxy to `target` (http://127.0.0.1:PORT) that injects faults. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target)
  const requests: ProxiedRequest[] = []
  let decide: Parameters<FaultProxy['setFaults']>[0] = () => undefined

  const server = createServer((req, res) => {
    const record: ProxiedRequest = {
      n: requests.length + 1,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      bytes: 0,
      received: 0,
    }
    requests.push(record)
    record.fault = decide(record)
    req.on('data', (chunk: Buffer) => (record.bytes += chunk.length))
    const fault = record.fault
    if (fault && 'status' in fault) {
      req.resume()
      req.on('end', () => {
        record.status = fault.status
        res.writeHead(fault.status, { 'content-type': 'text/xml' })
        res.end(`<status code="${fault.status}">\n  <summary>injected fault</summary>\n</status>\n`)
      })
      return
    }
    forward(upstream, req, res, record)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFaults: (next) => (decide = next),
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

/** Passes one request to the server, applying a delay or cut fault; without one the reply streams through. */
export function forward(
  upstream: URL,
  req: IncomingMessage,
  res: ServerResponse,
  record: { fault?: Fault; status?: number; received?: number },
  extraHeaders: Record<string, string | undefined> = {},
): void {
  const fault = record.fault
  const headers: Record<string, string | string[] | undefined> = {
    ...req.headers,
    ...extraHeaders,
    host: upstream.host,
  }
  for (const name of Object.keys(headers)) if (headers[name] === undefined) delete headers[name]
  res.on('error', () => undefined)
  const out = httpRequest({
    host: upstream.hostname,
    port: upstream.port,
    method: req.method,
    path: req.url,
    headers,
  })
  out.on('error', () => res.destroy())
  if (fault && 'cutRequestAfterBytes' in fault) {
    let sent = 0
    req.on('data', (chunk: Buffer) => {
      const room = fault.cutRequestAfterBytes - sent
      if (room > 0) out.write(chunk.subarray(0, room))
      sent += chunk.length
      if (sent >= fault.cutRequestAfterBytes) {
        out.destroy()
        req.socket.destroy()
      }
    })
    req.on('end', () => {
      out.destroy()
      req.socket.destroy()
    })
    return
  }
  req.pipe(out)
  out.on('response', (reply) => {
    record.status = reply.statusCode
    reply.on('data', (chunk: Buffer) => (record.received = (record.received ?? 0) + chunk.length))
    if (!fault) {
      res.writeHead(reply.statusCode ?? 502, reply.headers)
      reply.pipe(res)
      return
    }
    const chunks: Buffer[] = []
    reply.on('data', (chunk: Buffer) => chunks.push(chunk))
    reply.on('end', () => {
      const send = (): void => {
        if (fault && 'cutReply' in fault) {
          req.socket.destroy()
          return
        }
        res.writeHead(reply.statusCode ?? 502, reply.headers)
        res.end(Buffer.concat(chunks))
      }
      if (fault && 'delayReplyMs' in fault) setTimeout(send, fault.delayReplyMs)
      else if (fault && 'thenRun' in fault) void fault.thenRun().finally(send)
      else send()
    })
  })
}
