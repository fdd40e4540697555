import { basename, dirname } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { addDownstreamPatch, fastPatch, makeFork } from '../support/debian-fixtures.js'
import { startGitHttpServer } from '../support/git-http-server.js'
import { carrierScenario } from '../support/github-scenario.js'
import { startCutProxy } from '../support/reliability-cut-proxy.js'
import { helloUpstream, type HelloUpstream } from '../support/reliability-lite.js'
import { assertConverged } from '../support/reliability-scenario.js'
import { tempDir } from '../support/tmp.js'

/**
 * The network failing under git (a fetch cut mid-reply) and GitHub failing (5xx, rate limits with
 * Retry-After, a long primary rate limit): each run ends in a clear error or gets through, no ref of a
 * person moves, and a re-run converges on exactly one pull request or the moved branch.
 */

const token = 'ghs_sentinelNetworkToken0123456789'
let hello: HelloUpstream
beforeAll(async () => {
  hello = await helloUpstream()
})

describe('the network cut during a git fetch from the fork', () => {
  // every upload-pack exchange of a sync: ls-remote, the tree-less probe, the work repository fetch
  // upload-pack exchanges of a sync: 1 ls-remote (Discover), 2-3 the tree-less probe (Discover),
  // 4-5 the work repository (Fetch); the odd ones carry refs or a packfile
  it.each([
    [1, 'the ref listing'],
    [3, 'the probe packfile'],
    [5, 'the work repository packfile'],
  ])('cut in upload-pack exchange %i (%s): a clear error, nothing moved, a re-run converges', async (nth) => {
    const fork = await makeFork(hello.upstream.url, 'debian/1.0-1')
    await addDownstreamPatch(fork, 'fast.patch', fastPatch)
    const start = await fork.head()
    const server = await startGitHttpServer({ root: dirname(fork.bare), token })
    const proxy = await startCutProxy(server.url)
    try {
      const inputs = {
        'remote-url': `${proxy.url}/${basename(fork.bare)}`,
        'github-token': token,
        'upstream-url': hello.upstream.url,
        'upstream-tags': 'debian/*',
        'work-dir': await tempDir('pc-work-'),
        'output-dir': await tempDir('pc-out-'),
      }
      // the proxy stands where the GitHub server is: the token goes to it
      const onServer = { GITHUB_SERVER_URL: proxy.url }
      proxy.cutNext(/^POST .*\/git-upload-pack$/, nth, 30)
      const cut = await runAction(inputs, onServer)
      expect(proxy.requests.some((request) => request.cut)).toBe(true)
      expect(cut.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(token)
      if (nth === 5) {
        // the narrow fetch of the work repository: a cut there falls back to the whole history, said in the log
        expect(cut.code, cut.stdout).toBe(0)
        expect(cut.stdout).toMatch(/The narrow fetch failed \(.*\): fetching the whole history instead/)
        await assertConverged({ fork, start, tagHead: hello.tagHead, pkg: '' })
        return
      }
      expect(cut.code).toBe(1)
      expect(cut.stdout).toMatch(
        /::error::(Cannot read the refs of remote-url \S+: the stream ended|(Cannot read the refs of remote-url|Cannot read the history of branch 'main' from remote-url: git fetch failed|git fetch failed) \(?.*%0Aerror: RPC failed; curl 18 transfer closed)/,
      )
      expect((await fork.refs()).get('refs/heads/main')).toBe(start)
      const again = await runAction(inputs, onServer)
      expect(again.code, again.stdout).toBe(0)
      expect(again.outputs.result).toBe('updated')
      await assertConverged({ fork, start, tagHead: hello.tagHead, pkg: '' })
    } finally {
      await proxy.close()
      await server.close()
    }
  })
})

describe('GitHub failing while a conflict pull request is opened', () => {
  it('5xx and a secondary rate limit with Retry-After are waited out: one pull request', async () => {
    const s = await carrierScenario('control-conflict')
    try {
      s.github.api.inject({ status: 502, operationId: 'pulls/create' })
      s.github.api.inject({ status: 403, retryAfter: 1, operationId: 'pulls/list' })
      const run = await s.sync()
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs).toMatchObject({ result: 'conflict', 'pull-request-number': '1' })
      // Retry-After: 1 was waited out: the retry came a second after the 403, not right away
      const lists = s.github.api.requests().filter((request) => request.operationId === 'pulls/list')
      const limited = lists.findIndex((request) => request.status === 403)
      expect(limited).toBeGreaterThanOrEqual(0)
      expect(lists[limited + 1]!.at - lists[limited]!.answeredAt).toBeGreaterThanOrEqual(950)
      expect(run.stdout).toMatch(/GitHub API GET \/repos\/\S+\/pulls: rate limited; retrying in 1 s/)
      expect(run.stdout).toMatch(
        /GitHub API POST \/repos\/\{owner\}\/\{repo\}\/pulls: server error 502; retrying/,
      )
      expect(s.github.api.pulls()).toHaveLength(1)
      expect(s.github.api.violations()).toEqual([])
      await s.assertNoTokenLeaked()
    } finally {
      await s.close()
    }
  })

  it.each([
    [
      'persistent 500s',
      { status: 500, times: 4, retryAfter: 0 },
      /failed \(500\): .*\(gave up after 4 attempts\)/,
    ],
    [
      'a primary rate limit for an hour',
      { status: 403, resetIn: 3600 },
      /failed \(403\): API rate limit exceeded.*\(rate limited for another \d+ s\)/,
    ],
  ] as const)(
    '%s: a clear error naming the call, a re-run opens the one pull request',
    async (_label, fault, words) => {
      const s = await carrierScenario('control-conflict')
      try {
        const main = await s.fork.head()
        s.github.api.inject({ ...fault, operationId: 'pulls/create' })
        const failed = await s.sync()
        expect(failed.code).toBe(1)
        expect(failed.stdout).toMatch(/::error::GitHub API POST \/repos\/\{owner\}\/\{repo\}\/pulls /)
        expect(failed.stdout).toMatch(words)
        expect(s.github.api.pulls()).toHaveLength(0)
        const again = await s.sync()
        expect(again.code, again.stdout).toBe(0)
        expect(again.outputs['pull-request-number']).toBe('1')
        expect(s.github.api.pulls()).toHaveLength(1)
        expect(await s.fork.head()).toBe(main)
        expect(s.github.api.violations()).toEqual([])
        await s.assertNoTokenLeaked()
      } finally {
        await s.close()
      }
    },
  )
})
