import { describe, expect, it } from 'vitest'
import { defaultRetryPolicy, retryDecision } from '../../src/github/retry.js'

const now = Date.parse('2026-01-01T00:00:00Z')
const decide = (status: number, headers: Record<string, string> = {}, attempt = 1) =>
  retryDecision({ status, headers }, attempt, defaultRetryPolicy, now)

describe('retry decisions', () => {
  it('backs off exponentially on transient server errors and dropped connections, then gives up', () => {
    expect(decide(502)).toMatchObject({ retry: true, waitMs: 1000 })
    expect(decide(0, {}, 3)).toMatchObject({ retry: true, waitMs: 4000, reason: 'no response' })
    expect(decide(503, { 'retry-after': '9' })).toMatchObject({ retry: true, waitMs: 9000 })
    expect(decide(500, {}, 4)).toEqual({ retry: false, reason: 'gave up after 4 attempts' })
  })

  it('waits out rate limits by Retry-After (seconds or date) or x-ratelimit-reset, within bounds', () => {
    expect(decide(429, { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' })).toMatchObject({ waitMs: 5000 })
    expect(
      decide(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 10) }),
    ).toMatchObject({
      retry: true,
      waitMs: 11_000,
    })
    expect(decide(429)).toMatchObject({ retry: true, waitMs: 60_000 })
    expect(decide(403, { 'retry-after': '600' })).toEqual({
      retry: false,
      reason: 'rate limited for another 600 s',
    })
  })

  it('does not retry what a retry cannot fix', () => {
    expect(decide(403)).toEqual({ retry: false }) // permission denied
    expect(decide(404)).toEqual({ retry: false })
    expect(decide(422)).toEqual({ retry: false })
    expect(decide(599)).toEqual({ retry: false }) // the stand-in's validation failure
  })
})
