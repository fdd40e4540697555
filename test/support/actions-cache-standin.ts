import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for the Actions cache service (v2, Twirp JSON over HTTP) that holds nothing: every lookup
 * misses and every reservation is refused, as for a read-only token. Enough to show that @actions/cache is
 * called with the right keys and that a refusing service never fails the run.
 */
export interface CacheServiceStandIn {
  /** What a runner sets ACTIONS_RESULTS_URL to. */
  url: string
  /** `Method key [restore keys…]` per call. */
  calls(): string[]
  close(): Promise<void>
}

export async function startCacheServiceStandIn(): Promise<CacheServiceStandIn> {
  const calls: string[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const method = (request.url ?? '').split('/').pop() ?? ''
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        key?: string
        restoreKeys?: string[]
        restore_keys?: string[]
      }
      calls.push([method, body.key ?? '', ...(body.restoreKeys ?? body.restore_keys ?? [])].join(' '))
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ ok: false }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls: () => [...calls],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
