import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOctokit, type Octokit } from '../../src/github/octokit.js'
import { OpenApiValidator } from '../support/github-openapi.js'
import { pullRequest, type PullState } from '../support/github-objects.js'
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-standin.js'

/** The stand-in is only worth something if it rejects what GitHub's description does not allow. */

let github: GitHubStandIn
let octokit: Octokit

beforeAll(async () => {
  github = await startGitHubStandIn()
  octokit = createOctokit({ token: github.token, apiUrl: github.url, sleep: async () => undefined })
})

afterAll(async () => {
  await github.close()
  // Only the deliberate mistakes of this file were flagged (1 misspelling + 5 in the second test).
  expect(github.violations()).toHaveLength(6)
})

async function statusOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => 'ok',
    (error: { status?: unknown }) => error.status,
  )
}

describe('GitHub stand-in validation', () => {
  it('records a request body with a misspelled field and answers 599', async () => {
    const before = github.violations().length
    const status = await statusOf(
      octokit.request('POST /repos/{owner}/{repo}/pulls', {
        owner: github.owner,
        repo: github.repo,
        head: 'feature',
        base: 'main',
        titel: 'misspelled',
      }),
    )
    expect(status).toBe(599)
    const [violation] = github.violations().slice(before)
    expect(violation).toMatchObject({ method: 'POST', operationId: 'pulls/create' })
    expect(violation?.problems.join('\n')).toContain('must NOT have additional properties (titel)')
    expect(github.pulls()).toEqual([]) // nothing was created
    // A valid request after the bad one is served normally.
    const { data } = await octokit.rest.pulls.create({
      owner: github.owner,
      repo: github.repo,
      head: 'x',
      base: 'main',
      title: 't',
    })
    expect(data.number).toBe(1)
  })

  it('records wrong types, unknown query parameters, bad enums and unknown routes', async () => {
    const before = github.violations().length
    const repo = { owner: github.owner, repo: github.repo }
    // Calls a typed client would refuse to compile: the stand-in must catch them at run time too.
    const raw = (route: string, params: Record<string, unknown>) => statusOf(octokit.request(route, params))
    await raw('POST /repos/{owner}/{repo}/pulls', { ...repo, head: 1, base: 'main', title: 't' })
    await raw('GET /repos/{owner}/{repo}/pulls', { ...repo, stat: 'open' })
    await raw('GET /repos/{owner}/{repo}/pulls', { ...repo, state: 'merged' })
    await raw('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: 'one' })
    await raw('GET /repos/{owner}/{repo}/no-such-endpoint', repo)
    const problems = github
      .violations()
      .slice(before)
      .map((v) => v.problems.join('; '))
    expect(problems).toEqual([
      expect.stringContaining('request body at /head: must be string'),
      expect.stringContaining('unknown query parameter "stat"'),
      expect.stringContaining('query parameter state: must be equal to one of the allowed values'),
      expect.stringContaining('path parameter pull_number: must be integer'),
      expect.stringContaining('no operation for GET /repos/fork-owner/fork/no-such-endpoint'),
    ])
  })

  it('paginates lists with GitHub-style Link headers', async () => {
    const repo = { owner: github.owner, repo: github.repo }
    for (let i = 1; i <= 5; i++) {
      await octokit.rest.pulls.create({ ...repo, head: `topic-${i}`, base: 'main', title: `topic ${i}` })
    }
    const lists = () => github.requests().filter((r) => r.operationId === 'pulls/list').length
    const before = lists()
    const first = await octokit.rest.pulls.list({ ...repo, per_page: 2 })
    expect(first.headers.link).toMatch(/[?&]page=2[^>]*>; rel="next", <[^>]*[?&]page=3[^>]*>; rel="last"/)
    const all = await octokit.paginate(octokit.rest.pulls.list, { ...repo, per_page: 2, direction: 'asc' })
    expect(all.map((pull) => pull.head.ref)).toEqual([
      'x',
      'topic-1',
      'topic-2',
      'topic-3',
      'topic-4',
      'topic-5',
    ])
    expect(lists() - before).toBe(4) // one look at page 1, then pages 1 to 3
  })

  it('rejects response bodies that do not match the documented schema', () => {
    const validator = new OpenApiValidator()
    const match = validator.match('GET', '/repos/o/r/pulls/7')
    expect(match?.operation.id).toBe('pulls/get')
    expect(match?.pathParams).toEqual({ owner: 'o', repo: 'r', pull_number: '7' })
    const site = { api: 'http://127.0.0.1:1', web: 'https://github.com' }
    const repo = { id: 1, owner: 'o', name: 'r', defaultBranch: 'main', createdAt: '2024-01-01T00:00:00Z' }
    const state: PullState = {
      ...{
        id: 5,
        number: 7,
        title: 't',
        body: null,
        head: 'h',
        headSha: 'a'.repeat(40),
        base: 'main',
        baseSha: 'b'.repeat(40),
      },
      ...{ state: 'open', draft: false, merged: false, mergedAt: null, mergeCommitSha: null, closedAt: null },
      ...{ createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z', labels: [], comments: 0 },
    }
    const good = pullRequest(site, repo, state, [], 'octocat')
    const operation = match!.operation
    expect(validator.validateResponse(operation, 200, good)).toEqual([])
    expect(validator.validateResponse(operation, 200, { ...good, number: '7' })).toEqual([
      '200 response body at /number: must be integer',
    ])
    const { head: _head, ...headless } = good
    expect(validator.validateResponse(operation, 200, headless)).toEqual([
      "200 response body: must have required property 'head'",
    ])
    expect(validator.validateResponse(operation, 200, { ...good, state: 'merged' })[0]).toContain(
      '/state: must be equal to one of the allowed values',
    )
    expect(validator.validateResponse(operation, 201, good)).toEqual([
      'status 201 is not documented for pulls/get',
    ])
    expect(
      validator.validateResponse(operation, 404, { message: 'Not Found', documentation_url: 'x' }),
    ).toEqual([])
  })
})
