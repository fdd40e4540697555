// Byte-counting servers on 127.0.0.1, the tests' own: git smart HTTP (streamed, as from a real host) and a
// proxy in front of the OBS source server; each request logged with the bytes each way, counted on the wire.
import { startGitHttpServer, type GitHttpRequest } from '../../test/support/git-http-server.js'
import { startFaultProxy } from '../../test/support/obs-proxy.js'

/** A logged request: `command` is the protocol v2 command of a git POST (`ls-refs`: a ref listing, `fetch`: a
 * pack), `sent` the body as sent (gzip-compressed when git compressed it), `received` the response body. */
const logged = ({ method, url, command, sent, received, status }: GitHttpRequest) => {
  return { method, path: pathOf(url), command, sent, received, status }
}
type Request = ReturnType<typeof logged>
export type Counting = Awaited<ReturnType<typeof startCountingGitServer>>

const pathOf = (url: string) => new URL(url, 'http://x').pathname

export const traffic = (log: readonly { sent: number; received: number }[]) => ({
  requests: log.length,
  received: log.reduce((n, r) => n + r.received, 0),
  sent: log.reduce((n, r) => n + r.sent, 0),
})

/** The bare repositories under `root` over smart HTTP: `<root>/x.git` is at `${url}/x.git`. */
export async function startCountingGitServer(root: string) {
  const server = await startGitHttpServer({ root })
  let from = 0 // the requests before the last reset
  const log = () => server.requests().slice(from).map(logged)
  const reset = () => void (from = server.requests().length)
  return { url: server.url, log, traffic: () => traffic(log()), reset, close: server.close }
}

export async function startObsProxy(target: string) {
  const proxy = await startFaultProxy(target)
  const log = () => proxy.requests.map((r) => ({ ...r, path: pathOf(r.url), sent: r.bytes }))
  return { url: proxy.url, log, reset: () => void (proxy.requests.length = 0), close: proxy.close }
}

/** Bytes of packs (protocol v2 `fetch` responses) among requests; the rest are ref listings. */
export const packs = (log: readonly Request[]) => traffic(log.filter((r) => r.command === 'fetch')).received

export const uploads = (log: readonly { method: string; path: string; sent: number }[]) =>
  log
    .filter((r) => r.method === 'PUT' && !r.path.endsWith('/_meta'))
    .map((r) => ({ name: decodeURIComponent(r.path.split('/').pop() ?? ''), bytes: r.sent }))
