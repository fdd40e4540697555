import { once } from 'node:events'
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * An HTTP proxy that cuts the network in the middle of a reply: for the chosen request it passes the
 * status, the headers and the first bytes of the body, then drops both connections, as a network that
 * fails during a `git fetch` does.
 */
export interface CutProxy {
  url: string
  requests: { method: string; url: string; cut: boolean }[]
  /** Cuts the `nth` (1-based, from now on) request whose `METHOD path` matches `which` after `bytes` body bytes. */
  cutNext(which: RegExp, nth: number, bytes: number): void
  close(): Promise<void>
}

export async function startCutProxy(target: string): Promise<CutProxy> {
  const upstream = new URL(target)
  const requests: CutProxy['requests'] = []
  let plan: { which: RegExp; left: number; bytes: number } | undefined

  const server = createServer((req, res) => {
    const line = `${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}`
    let cut = false
    let bytes = 0
    if (plan && plan.which.test(line) && --plan.left === 0) {
      cut = true
      bytes = plan.bytes
    }
    const record = { method: req.method ?? 'GET', url: req.url ?? '/', cut }
    requests.push(record)
    const out = httpRequest({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host },
    })
    out.on('error', () => res.destroy())
    res.on('error', () => undefined)
    req.pipe(out)
    out.on('response', (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers)
      if (!cut) {
        reply.pipe(res)
        return
      }
      // the status line, the headers and `bytes` body bytes reach the client; then the connection drops
      // (after a moment: a connection that dies before any reply is retried by curl)
      let sent = 0
      const drop = (): void => {
        reply.destroy()
        setTimeout(() => res.socket?.destroy(), 50)
      }
      reply.on('data', (chunk: Buffer) => {
        if (sent >= bytes) return
        const part = chunk.subarray(0, bytes - sent)
        sent += part.length
        res.write(part)
        if (sent >= bytes) drop()
      })
      reply.on('end', drop)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    cutNext: (which, nth, bytes) => (plan = { which, left: nth, bytes }),
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
