/** When and how long to wait before repeating a failed GitHub API call. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number
  /** Wait before the second attempt after a server error; doubles with each further attempt. */
  backoffMs: number
  /** Longest single wait accepted; a rate limit that resets later fails at once. */
  maxWaitMs: number
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 4, backoffMs: 1_000, maxWaitMs: 120_000 }

/** The parts of a failed response that decide a retry. Status 0: no response (network, timeout). */
export interface Failure {
  status: number
  headers: Record<string, string | number | undefined>
}

export type RetryDecision =
  { retry: true; waitMs: number; reason: string } | { retry: false; reason?: string }

/** Server errors GitHub answers transiently. Other 5xx (e.g. a test stand-in's 599) are not retried. */
const TRANSIENT = new Set([0, 500, 502, 503, 504])

/** GitHub's advice when a secondary rate limit gives no header: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000

function header(failure: Failure, name: string): string | undefined {
  const value = failure.headers[name]
  return value === undefined ? undefined : String(value)
}

/** Retry-After as milliseconds (seconds or an HTTP date), or undefined. */
function retryAfterMs(failure: Failure, now: number): number | undefined {
  const value = header(failure, 'retry-after')?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** How long a rate limit asks us to wait, or undefined when the response is not a rate limit. */
function rateLimitWaitMs(failure: Failure, now: number): number | undefined {
  if (failure.status !== 403 && failure.status !== 429) return undefined
  const after = retryAfterMs(failure, now)
  if (after !== undefined) return after
  if (header(failure, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(failure, 'x-ratelimit-reset'))
    return Number.isFinite(reset) ? Math.max(0, reset * 1000 - now) + 1_000 : SECONDARY_LIMIT_WAIT_MS
  }
  return failure.status === 429 ? SECONDARY_LIMIT_WAIT_MS : undefined // a plain 403 is a permission error
}

/** Decides whether attempt number `attempt` (1-based), which failed, is repeated and after how long. */
export function retryDecision(
  failure: Failure,
  attempt: number,
  policy: RetryPolicy,
  now = Date.now(),
): RetryDecision {
  const limited = rateLimitWaitMs(failure, now)
  const transient = TRANSIENT.has(failure.status)
  if (limited === undefined && !transient) return { retry: false }
  if (attempt >= policy.attempts) return { retry: false, reason: `gave up after ${attempt} attempts` }
  if (limited !== undefined) {
    if (limited > policy.maxWaitMs) {
      return { retry: false, reason: `rate limited for another ${Math.ceil(limited / 1000)} s` }
    }
    return { retry: true, waitMs: limited, reason: 'rate limited' }
  }
  const waitMs = Math.min(
    retryAfterMs(failure, now) ?? policy.backoffMs * 2 ** (attempt - 1),
    policy.maxWaitMs,
  )
  return {
    retry: true,
    waitMs,
    reason: failure.status === 0 ? 'no response' : `server error ${failure.status}`,
  }
}
