import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GitHubApiError } from '../../src/github/errors.js'
import { createPullRequests } from '../../src/github/pulls.js'
import type { PullRequests } from '../../src/github/types.js'
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-standin.js'

let github: GitHubStandIn
const sleeps: number[] = []
const logs: string[] = []

function client(overrides: { token?: string } = {}): PullRequests {
  return createPullRequests({
    token: overrides.token ?? github.token,
    apiUrl: github.url,
    owner: github.owner,
    repo: github.repo,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    log: (message) => logs.push(message),
  })
}

const conflict = (tag: string, body = `conflict on ${tag}`) => ({
  head: `patch-carrier/rebase/${tag}`,
  base: `patch-carrier/upstream/${tag}`,
  title: `patch-carrier: conflict rebasing main onto ${tag}`,
  body,
  labels: ['patch-carrier'],
})

const count = (method: string, operationId: string): number =>
  github.requests().filter((r) => r.method === method && r.operationId === operationId).length

beforeAll(async () => {
  github = await startGitHubStandIn({ owner: 'mail-org', repo: 'dovecot' })
})

afterAll(async () => {
  await github.close()
  // Every request and response of this file conformed to GitHub's OpenAPI description.
  expect(github.violations()).toEqual([])
  // The token never reached a log line.
  expect(logs.join('\n')).not.toContain(github.token)
})

describe('pull request client against the GitHub stand-in', () => {
  it('makes no API call and needs no token until asked', async () => {
    client()
    const tokenless = client({ token: '' })
    expect(github.requests()).toEqual([])
    await expect(tokenless.find('x')).rejects.toThrow('github-token is empty')
    expect(github.requests()).toEqual([])
  })

  it('creates, finds, updates, comments on and closes one pull request', async () => {
    const pulls = client()
    expect(await pulls.find('patch-carrier/rebase/v1.0')).toBeUndefined()
    const created = await pulls.create(conflict('v1.0'))
    expect(created).toMatchObject({
      number: 1,
      head: 'patch-carrier/rebase/v1.0',
      base: 'patch-carrier/upstream/v1.0',
      state: 'open',
      merged: false,
      labels: ['patch-carrier'],
    })
    expect(created.url).toBe('https://github.com/mail-org/dovecot/pull/1')
    expect((await pulls.find('patch-carrier/rebase/v1.0', 'patch-carrier/upstream/v1.0'))?.number).toBe(1)
    expect(await pulls.find('patch-carrier/rebase/v1.0', 'main')).toBeUndefined()

    const updated = await pulls.update(1, { body: 'new body' })
    expect(updated).toMatchObject({ number: 1, body: 'new body', title: created.title })
    const comment = await pulls.comment(1, 'still conflicting')
    expect(comment.url).toContain('/pull/1#issuecomment-')
    await pulls.close(1, 'superseded by v1.1')
    await pulls.close(1, 'superseded again') // closing a closed one: no second comment
    expect(github.comments(1).map((c) => c.body)).toEqual(['still conflicting', 'superseded by v1.1'])
    expect(await pulls.find('patch-carrier/rebase/v1.0')).toBeUndefined()
    expect(await pulls.isMerged(1)).toBe(false)
    expect(github.pulls()[0]).toMatchObject({ state: 'closed', body: 'new body' })
  })

  it('keeps one pull request per head branch across runs and creates the label once', async () => {
    const labelsCreatedBefore = count('POST', 'issues/create-label')
    const first = await client().ensure(conflict('v2.0'))
    expect(first.action).toBe('created')
    const second = await client().ensure(conflict('v2.0')) // a re-run: same content
    expect(second).toMatchObject({ action: 'unchanged', pullRequest: { number: first.pullRequest.number } })
    const third = await client().ensure(conflict('v2.0', 'the conflict moved'))
    expect(third).toMatchObject({
      action: 'updated',
      pullRequest: { number: first.pullRequest.number, body: 'the conflict moved' },
    })
    const open = github.pulls().filter((p) => p.head.ref === 'patch-carrier/rebase/v2.0')
    expect(open).toHaveLength(1)
    expect(open[0]?.labels.map((l) => l.name)).toEqual(['patch-carrier'])
    // The label already existed from the first test: looked up, never created again.
    expect(count('POST', 'issues/create-label') - labelsCreatedBefore).toBe(0)
    expect(github.labels().map((l) => l.name)).toEqual(['patch-carrier'])
    expect(count('POST', 'issues/create-label')).toBe(1)
  })

  it('lists open conflict pull requests by prefix and sees merges', async () => {
    const pulls = client()
    const v3 = await pulls.create(conflict('v3.0'))
    const merged = await pulls.create(conflict('v3.1'))
    github.merge(merged.number)
    const open = await pulls.listOpen('patch-carrier/rebase/')
    expect(open.map((p) => p.head)).toEqual(['patch-carrier/rebase/v2.0', 'patch-carrier/rebase/v3.0'])
    expect(await pulls.isMerged(merged.number)).toBe(true)
    expect(await pulls.isMerged(v3.number)).toBe(false)
    expect((await pulls.findMerged('patch-carrier/rebase/v3.1')).map((p) => p.number)).toEqual([
      merged.number,
    ])
    expect(await pulls.findMerged('patch-carrier/rebase/v3.0')).toEqual([])
    expect(await pulls.defaultBranch()).toBe('main')
  })

  it('retries server errors with growing waits', async () => {
    sleeps.length = 0
    github.inject({ status: 502, times: 2, operationId: 'pulls/list' })
    expect((await client().find('patch-carrier/rebase/v3.0'))?.head).toBe('patch-carrier/rebase/v3.0')
    expect(sleeps).toEqual([1000, 2000])
    expect(logs.at(-1)).toMatch(/GET \/repos\/mail-org\/dovecot\/pulls: server error 502; retrying in 2 s$/)
  })

  it('honours Retry-After on secondary rate limits (403 and 429) and x-ratelimit-reset', async () => {
    sleeps.length = 0
    github.inject({ status: 403, retryAfter: 7, operationId: 'pulls/create' })
    github.inject({ status: 429, retryAfter: 3, operationId: 'pulls/create' })
    const created = await client().create(conflict('v4.0'))
    expect(created.head).toBe('patch-carrier/rebase/v4.0')
    expect(sleeps).toEqual([7000, 3000])
    sleeps.length = 0
    github.inject({ status: 403, resetIn: 30, operationId: 'issues/create-comment' })
    await client().comment(created.number, 'after the reset')
    expect(sleeps).toHaveLength(1)
    expect(sleeps[0]).toBeGreaterThan(25_000)
    expect(sleeps[0]).toBeLessThanOrEqual(32_000)
  })

  it('gives up with a clear error, without the token, when limits or faults persist', async () => {
    sleeps.length = 0
    github.inject({ status: 403, resetIn: 3600, operationId: 'pulls/get' })
    const limited = await client()
      .get(1)
      .catch((error: unknown) => error)
    expect(limited).toBeInstanceOf(GitHubApiError)
    expect((limited as GitHubApiError).message).toMatch(
      /GET \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\} failed \(403\): API rate limit exceeded.*rate limited for another \d+ s/,
    )
    expect(sleeps).toEqual([])

    github.inject({ status: 503, times: 4, operationId: 'pulls/get' })
    const down = await client()
      .get(1)
      .catch((error: unknown) => error)
    expect(down).toMatchObject({ status: 503, message: expect.stringContaining('gave up after 4 attempts') })

    const wrongToken = 'ghs_wrongTokenValue987'
    const denied = await client({ token: wrongToken })
      .get(1)
      .catch((error: unknown) => error)
    expect(denied).toMatchObject({ name: 'GitHubApiError', status: 401 })
    expect(String((denied as Error).message)).not.toContain(wrongToken)
    expect(JSON.stringify(github.requests())).not.toContain(github.token)
  })
})
