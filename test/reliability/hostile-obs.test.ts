import { describe, expect, it } from 'vitest'
import { createObsClient, type FetchLike } from '../../src/obs/index.js'
import { filesOf } from '../support/obs-fixtures.js'

/**
 * An OBS server (or something pretending to be one) answering the commit protocol with hostile or broken
 * replies. Each ends in one clear error, no file is uploaded that is not ours, nothing is retried forever,
 * and no credential appears in a message or goes to another host.
 */

const password = 'sentinel-hostile-obs-password'
const md5Zero = '0'.repeat(32)

type Reply = { status?: number; body: string; headers?: Record<string, string> }
type Route = (method: string, path: string) => Reply | undefined

/** A fake OBS: `route` answers; an empty package at revision 0 otherwise. Records every request. */
function fakeObs(route: Route) {
  const calls: { method: string; url: string }[] = []
  const fetch: FetchLike = async (url, init) => {
    const method = init.method ?? 'GET'
    calls.push({ method, url })
    const path = new URL(url).pathname
    const reply = route(method, path) ?? {
      body: method === 'GET' ? '<directory name="p" rev="0" srcmd5=""/>' : '<status code="ok"/>',
    }
    return new Response(reply.body, { status: reply.status ?? 200, headers: reply.headers })
  }
  const client = createObsClient({
    apiUrl: 'https://obs.example.org',
    auth: { user: 'carrier', password },
    fetch,
    retry: { attempts: 2, baseDelayMs: 1, timeoutMs: 2000 },
    sleep: async () => undefined,
  })
  return { client, calls }
}

async function publishWith(route: Route) {
  const obs = fakeObs(route)
  const files = await filesOf({ 'hello_1.0.orig.tar.gz': 'orig', 'hello_1.0-1.dsc': 'dsc' })
  const error = await obs.client.publish({ project: 'home:x', package: 'p', files, message: 'm' }).then(
    () => undefined,
    (failure: unknown) => failure as Error,
  )
  const uploads = obs.calls
    .filter((call) => call.method === 'PUT')
    .map((call) => decodeURIComponent(new URL(call.url).pathname.split('/').at(-1)!))
  return { error, uploads, calls: obs.calls }
}

const missing = (names: string[]) =>
  `<directory error="missing">${names.map((name) => `<entry name="${name}" md5="${md5Zero}"/>`).join('')}</directory>`

describe('hostile OBS replies during a publish', () => {
  it.each<[string, Route, RegExp]>([
    [
      'a listing that is an HTML page',
      (m) => (m === 'GET' ? { body: '<html><body>502 Bad Gateway</body></html>' } : undefined),
      /OBS sent no <directory> document/,
    ],
    [
      'a listing that is not XML at all',
      (m) => (m === 'GET' ? { body: '\u0000\u0001garbage<<' } : undefined),
      /OBS sent (invalid XML|no <directory> document)/,
    ],
    [
      'a listed file without md5',
      (m) => (m === 'GET' ? { body: '<directory rev="1"><entry name="x"/></directory>' } : undefined),
      /OBS listed a file without name or md5/,
    ],
    [
      'a commit reply asking for a file that is not ours',
      (m) => (m === 'POST' ? { body: missing(['../../etc/shadow']) } : undefined),
      /OBS does not accept "..\/..\/etc\/shadow"/,
    ],
    [
      'a commit refused for another reason',
      (m) => (m === 'POST' ? { body: '<directory error="frozen"/>' } : undefined),
      /OBS refused the commit: frozen/,
    ],
    [
      'a server that always reports our files missing',
      (m) => (m === 'POST' ? { body: missing(['hello_1.0.orig.tar.gz']) } : undefined),
      /OBS (still reports files missing after 3 upload rounds|does not accept "hello_1.0.orig.tar.gz")/,
    ],
    [
      'a redirect to another host',
      () => ({ status: 302, body: '', headers: { location: 'https://evil.example.org/steal' } }),
      /HTTP 302/,
    ],
    [
      'an error that echoes the password',
      () => ({
        status: 400,
        body: `<status code="400"><summary>bad password ${password}</summary></status>`,
      }),
      /HTTP 400: bad password \*\*\*/,
    ],
  ])('%s: one clear error, nothing foreign uploaded', async (_label, route, expected) => {
    const { error, uploads, calls } = await publishWith(route)
    expect(error?.message).toMatch(expected)
    expect(error?.message).not.toContain(password)
    expect(uploads.every((name) => ['hello_1.0.orig.tar.gz', 'hello_1.0-1.dsc'].includes(name))).toBe(true)
    expect(uploads.length).toBeLessThanOrEqual(6)
    expect(calls.every((call) => call.url.startsWith('https://obs.example.org/'))).toBe(true)
    expect(calls.length).toBeLessThan(30)
  })

  it('a revision that is no number: a clear error, not a claim of a concurrent commit', async () => {
    const { error, calls } = await publishWith((m) =>
      m === 'POST'
        ? { body: `<directory rev="1; rm -rf /" srcmd5="x"><entry name="a" md5="${md5Zero}"/></directory>` }
        : undefined,
    )
    expect(error?.message).toBe('OBS sent a revision that is not a number: "1; rm -rf /"')
    expect(calls.length).toBeLessThan(30)
  })
})
