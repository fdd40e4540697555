import { getOctokit } from '@actions/github'
import { GitHubApiError, redact } from './errors.js'
import { httpUrlWithoutCredentials } from '../urls/http-url.js'
import { defaultRetryPolicy, retryDecision, type Failure, type RetryPolicy } from './retry.js'

export type Octokit = ReturnType<typeof getOctokit>

export interface OctokitOptions {
  token: string
  /** REST API base, e.g. `https://api.github.com` (GITHUB_API_URL). */
  apiUrl: string
  retry?: Partial<RetryPolicy>
  /** Per-attempt time limit. */
  timeoutMs?: number
  /** Progress notes (retries); never receives the token. */
  log?: (message: string) => void
  /** Waits between attempts (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

interface ErrorLike {
  status?: unknown
  message?: unknown
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown }
}

function failureOf(error: unknown): Failure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike
  if (!e.response) return { status: 0, headers: {} } // no answer: refused, reset, timed out
  return { status: typeof e.status === 'number' ? e.status : 0, headers: e.response.headers ?? {} }
}

/** GitHub's own words: `message` plus each validation error's message or code. */
function describe(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike
  const data = e.response?.data as { message?: unknown; errors?: unknown } | undefined
  if (data && typeof data.message === 'string') {
    const details = Array.isArray(data.errors)
      ? data.errors.map((item: { message?: unknown; code?: unknown; field?: unknown }) =>
          [item.field, item.message ?? item.code].filter((part) => typeof part === 'string').join(': '),
        )
      : []
    return [data.message, ...details.filter(Boolean)].join('; ')
  }
  const text = typeof e.message === 'string' ? e.message : String(error)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text // e.g. a proxy's HTML error page
}

/** The route template (`/repos/{owner}/{repo}/pulls`) or, for a next-page URL, its path: no query. */
function routeOf(url: string): string {
  return /^https?:/.test(url) ? new URL(url).pathname : (url.split('?')[0] ?? url)
}

function checkApiUrl(apiUrl: string): string {
  const url = httpUrlWithoutCredentials(apiUrl, 'GitHub API URL (GITHUB_API_URL)')
  return url.href.replace(/\/+$/, '')
}

/**
 * An Octokit for one repository's API with bounded retries on transient server errors and on rate limits
 * (honouring Retry-After and x-ratelimit-reset). Errors come out as GitHubApiError without the token.
 */
export function createOctokit(options: OctokitOptions): Octokit {
  if (!options.token)
    throw new Error('github-token is empty: it is needed to open, update or close pull requests')
  const baseUrl = checkApiUrl(options.apiUrl)
  const policy = { ...defaultRetryPolicy, ...options.retry }
  const sleep = options.sleep ?? realSleep
  const log = options.log ?? (() => undefined)
  const timeoutMs = options.timeoutMs ?? 30_000
  const quiet = { debug: () => undefined, info: () => undefined, warn: log, error: log }
  const octokit = getOctokit(options.token, { baseUrl, log: quiet })
  const apiOrigin = new URL(baseUrl).origin
  octokit.hook.wrap('request', async (request, endpoint) => {
    const operation = `${endpoint.method} ${routeOf(endpoint.url)}`
    // a next-page link is an absolute URL: the token goes to GITHUB_API_URL's server only
    if (/^https?:/i.test(endpoint.url) && new URL(endpoint.url).origin !== apiOrigin) {
      throw new GitHubApiError(
        `GitHub API ${operation}: the server links to ${new URL(endpoint.url).host}, ` +
          `not ${new URL(apiOrigin).host} ` +
          '(GITHUB_API_URL); not followed, github-token goes to that server only',
        0,
        operation,
      )
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await request({
          ...endpoint,
          request: { ...endpoint.request, signal: AbortSignal.timeout(timeoutMs) },
        })
      } catch (error) {
        const failure = failureOf(error)
        const decision = retryDecision(failure, attempt, policy)
        if (decision.retry) {
          log(
            `GitHub API ${operation}: ${decision.reason}; retrying in ${Math.ceil(decision.waitMs / 1000)} s`,
          )
          await sleep(decision.waitMs)
          continue
        }
        const what = failure.status === 0 ? 'no response' : String(failure.status)
        const message = `GitHub API ${operation} failed (${what}): ${describe(error)}${decision.reason ? ` (${decision.reason})` : ''}`
        throw new GitHubApiError(redact(message, [options.token]), failure.status, operation)
      }
    }
  })
  return octokit
}
