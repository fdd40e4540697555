import type { Authenticator } from './auth.js'
import { ObsAuthError, ObsError, ObsHttpError, ObsTransientError } from './errors.js'
import type { Redactor } from './redact.js'
import { backoffDelay, isTransientStatus, transientCause, type RetryPolicy } from './retry.js'
import { statusSummary } from './xml.js'
import { parseHttpUrl } from '../urls/http-url.js'

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
  const describe = (request: ObsRequest): string =>
    deps.redactor.redact(`${request.method} ${requestTarget(request)}`)
  const exchange = (request: ObsRequest): Promise<ObsResponse> =>
    exchangeOnce(deps, `${root}${requestTarget(request)}`, request, describe(request))
  return {
    describe,
    request: (request) => withRetries(deps, request, describe(request), exchange),
  }
}

/** `/path?query` below the API root, every segment and query part URL-encoded. */
function requestTarget(request: ObsRequest): string {
  // ':' is legal in a path segment and in every OBS project name: keep it readable
  const path = request.path.map((segment) => encodeURIComponent(segment).replace(/%3A/g, ':')).join('/')
  const query = Object.entries(request.query ?? {})
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&')
  return `/${path}${query ? `?${query}` : ''}`
}

/** One exchange, answering at most one auth challenge. */
async function exchangeOnce(
  deps: TransportDeps,
  url: string,
  request: ObsRequest,
  label: string,
): Promise<ObsResponse> {
  for (let challenged = false; ; challenged = true) {
    const headers: Record<string, string> = { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1' }
    Object.assign(headers, deps.auth.headers())
    if (request.body !== undefined) headers['content-type'] = 'application/octet-stream'
    const response = await deps.fetch(url, {
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
    await answerChallenge(deps, response.headers.get('www-authenticate'), challenged, label, text)
  }
}

/** Readies the credentials for another try after a 401, or throws the ObsAuthError that explains it. */
async function answerChallenge(
  deps: TransportDeps,
  challenge: string | null,
  challenged: boolean,
  label: string,
  text: string,
): Promise<void> {
  const { redact } = deps.redactor
  const mismatch = challenged ? undefined : deps.auth.mismatch(challenge)
  if (mismatch) throw new ObsAuthError(redact(`OBS ${label} needs a login: ${mismatch}`))
  if (challenged || !(await deps.auth.answer(challenge))) {
    throw new ObsAuthError(
      redact(
        `OBS rejected the credentials of user '${deps.user}' (HTTP 401 on ${label}` +
          `${statusSummary(text) ? `: ${statusSummary(text)}` : ''}); check obs-user and obs-password or obs-ssh-key`,
      ),
    )
  }
}

/** Tries a request until it succeeds, fails for good, or runs out of attempts (at once when not idempotent). */
async function withRetries(
  deps: TransportDeps,
  request: ObsRequest,
  label: string,
  exchange: (request: ObsRequest) => Promise<ObsResponse>,
): Promise<ObsResponse> {
  const idempotent = request.idempotent ?? request.method !== 'POST'
  for (let attempt = 1; ; attempt++) {
    const outcome = await tryOnce(deps, request, label, exchange)
    if (typeof outcome !== 'string') return outcome
    if (!idempotent || attempt >= deps.retry.attempts) {
      throw new ObsTransientError(
        `OBS ${label} failed after ${attempt} attempt(s): ${deps.redactor.redact(outcome)}`,
      )
    }
    const delay = backoffDelay(deps.retry, attempt)
    deps.log(`OBS ${label}: retrying in ${delay} ms (attempt ${attempt + 1} of ${deps.retry.attempts})`)
    await deps.sleep(delay)
  }
}

/** The response, or what went wrong when it may be worth another try; any other failure is thrown. */
async function tryOnce(
  deps: TransportDeps,
  request: ObsRequest,
  label: string,
  exchange: (request: ObsRequest) => Promise<ObsResponse>,
): Promise<ObsResponse | string> {
  const { redact } = deps.redactor
  const started = deps.now()
  try {
    const response = await exchange(request)
    deps.log(`OBS ${label} → ${response.status} (${deps.now() - started} ms)`)
    if (response.status < 300 || request.accept?.includes(response.status)) return response
    if (!isTransientStatus(response.status)) throw httpError(label, response, redact)
    return `HTTP ${response.status}${summaryPart(response.text, redact)}`
  } catch (error) {
    if (error instanceof ObsError) throw error
    const cause = transientCause(error)
    if (!cause) throw new ObsError(redact(`OBS ${label} failed: ${reasons(error)}`))
    deps.log(`OBS ${label} → ${cause} (${deps.now() - started} ms)`)
    return cause
  }
}

function apiRoot(apiUrl: string): string {
  const url = parseHttpUrl(apiUrl)
  if (typeof url === 'string') throw new ObsError(`OBS API URL ${url}`)
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
