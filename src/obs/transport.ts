import type { Authenticator } from './auth.js'
import { ObsAuthError, ObsError, ObsHttpError, ObsTransientError } from './errors.js'
import type { Redactor } from './redact.js'
import { backoffDelay, isTransientStatus, transientCause, type RetryPolicy } from './retry.js'
import { statusSummary } from './xml.js'

/** The subset of `fetch` the client uses; tests may pass another transport with this shape. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

export interface ObsRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE'
  /** Path segments below the API root, each URL-encoded here: ['source', project, package]. */
  path: readonly string[]
  query?: Record<string, string>
  body?: Uint8Array | string
  /** Statuses returned to the caller instead of thrown (e.g. 404 for "does it exist"). */
  accept?: readonly number[]
  /** False for requests that must not be repeated blindly (a commit): a transient failure is thrown at once. */
  idempotent?: boolean
}

export interface ObsResponse {
  status: number
  text: string
  bytes: Uint8Array
}

export interface Transport {
  request(request: ObsRequest): Promise<ObsResponse>
  /** "METHOD /path?query" for messages. */
  describe(request: ObsRequest): string
}

export interface TransportDeps {
  apiUrl: string
  user: string
  auth: Authenticator
  fetch: FetchLike
  retry: RetryPolicy
  sleep: (ms: number) => Promise<void>
  now: () => number
  log: (line: string) => void
  redactor: Redactor
}

/** Sends OBS requests: auth, per-request timeout, retries with backoff for 5xx/timeouts/dropped connections. */
export function createTransport(deps: TransportDeps): Transport {
  const root = apiRoot(deps.apiUrl)
  const { redact } = deps.redactor

  const target = (request: ObsRequest): string => {
    // ':' is legal in a path segment and in every OBS project name: keep it readable
    const path = request.path.map((segment) => encodeURIComponent(segment).replace(/%3A/g, ':')).join('/')
    const query = Object.entries(request.query ?? {})
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&')
    return `/${path}${query ? `?${query}` : ''}`
  }
  const describe = (request: ObsRequest): string => redact(`${request.method} ${target(request)}`)

  // one exchange, answering at most one auth challenge
  const exchange = async (request: ObsRequest): Promise<ObsResponse> => {
    for (let challenged = false; ; challenged = true) {
      const headers: Record<string, string> = { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1' }
      Object.assign(headers, deps.auth.headers())
      if (request.body !== undefined) headers['content-type'] = 'application/octet-stream'
      const response = await deps.fetch(`${root}${target(request)}`, {
        method: request.method,
        headers,
        body: request.body,
        redirect: 'manual', // a redirect could carry credentials elsewhere
        signal: AbortSignal.timeout(deps.retry.timeoutMs),
      })
      const bytes = new Uint8Array(await response.arrayBuffer())
      const text = new TextDecoder().decode(bytes)
      deps.auth.noteResponse(response)
      if (response.status !== 401) return { status: response.status, text, bytes }
      const challenge = response.headers.get('www-authenticate')
      const mismatch = challenged ? undefined : deps.auth.mismatch(challenge)
      if (mismatch) throw new ObsAuthError(redact(`OBS ${describe(request)} needs a login: ${mismatch}`))
      if (challenged || !(await deps.auth.answer(challenge))) {
        throw new ObsAuthError(
          redact(
            `OBS rejected the credentials of user '${deps.user}' (HTTP 401 on ${describe(request)}` +
              `${statusSummary(text) ? `: ${statusSummary(text)}` : ''}); check obs-user and obs-password or obs-ssh-key`,
          ),
        )
      }
    }
  }

  return {
    describe,
    async request(request) {
      const label = describe(request)
      const idempotent = request.idempotent ?? request.method !== 'POST'
      for (let attempt = 1; ; attempt++) {
        let failure: string
        const started = deps.now()
        try {
          const response = await exchange(request)
          deps.log(`OBS ${label} → ${response.status} (${deps.now() - started} ms)`)
          if (response.status < 300 || request.accept?.includes(response.status)) return response
          if (!isTransientStatus(response.status)) throw httpError(label, response, redact)
          failure = `HTTP ${response.status}${summaryPart(response.text, redact)}`
        } catch (error) {
          if (error instanceof ObsError) throw error
          const cause = transientCause(error)
          if (!cause) throw new ObsError(redact(`OBS ${label} failed: ${reasons(error)}`))
          failure = cause
          deps.log(`OBS ${label} → ${failure} (${deps.now() - started} ms)`)
        }
        if (!idempotent || attempt >= deps.retry.attempts) {
          throw new ObsTransientError(`OBS ${label} failed after ${attempt} attempt(s): ${redact(failure)}`)
        }
        const delay = backoffDelay(deps.retry, attempt)
        deps.log(`OBS ${label}: retrying in ${delay} ms (attempt ${attempt + 1} of ${deps.retry.attempts})`)
        await deps.sleep(delay)
      }
    },
  }
}

function apiRoot(apiUrl: string): string {
  let url: URL
  try {
    url = new URL(apiUrl)
  } catch {
    throw new ObsError(`OBS API URL is not a URL: ${JSON.stringify(apiUrl.replace(/\/\/[^/]*@/, '//***@'))}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ObsError('OBS API URL must be http(s)')
  if (url.username || url.password) throw new ObsError('OBS API URL must not contain credentials')
  if (url.search || url.hash) throw new ObsError('OBS API URL must not have a query or fragment')
  return url.href.replace(/\/+$/, '')
}

/** "fetch failed: getaddrinfo ENOTFOUND host": fetch hides the useful part in `cause`. */
function reasons(error: unknown): string {
  const parts: string[] = []
  for (let e: unknown = error; e instanceof Error && parts.length < 4; e = e.cause) parts.push(e.message)
  return parts.join(': ') || String(error)
}

function summaryPart(text: string, redact: (text: string) => string): string {
  const summary = statusSummary(text)
  return summary ? `: ${redact(summary)}` : ''
}

function httpError(label: string, response: ObsResponse, redact: (text: string) => string): ObsHttpError {
  const summary = redact(statusSummary(response.text) ?? response.text.trim().slice(0, 300))
  return new ObsHttpError(
    `OBS ${label} → HTTP ${response.status}${summary ? `: ${summary}` : ''}`,
    response.status,
    summary,
  )
}
