/** How hard to try: attempts per request, exponential backoff between them, and a per-request timeout. */
export interface RetryPolicy {
  /** Attempts per request, including the first (≥ 1). */
  attempts: number
  /** Delay before the 2nd attempt; doubles each time. */
  baseDelayMs: number
  /** Cap for one delay. */
  maxDelayMs: number
  /** Per-request limit (connect + send + full reply). */
  timeoutMs: number
}

export const defaultRetry: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  timeoutMs: 300_000,
}

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...defaultRetry, ...overrides }
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1)
    throw new Error('OBS retry attempts must be ≥ 1')
  if (!(policy.timeoutMs > 0)) throw new Error('OBS request timeout must be > 0')
  return policy
}

/** Delay before attempt `attempt + 1`. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
}

/** Statuses that mean "the server or a proxy in front of it is struggling" (408: it gave up waiting). */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 500 || status === 502 || status === 503 || status === 504
}

const transientCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
])

/** Names a network-level failure worth retrying (timeout, dropped connection), or undefined. */
export function transientCause(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out'
    const code = (e as NodeJS.ErrnoException).code
    if (code && transientCodes.has(code)) return code
    if (/socket hang up|other side closed|terminated/i.test(e.message)) return e.message
  }
  return undefined
}
