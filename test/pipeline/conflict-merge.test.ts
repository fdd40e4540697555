import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linePatch } from '../support/debian-fixtures.js'
import { git } from '../support/git.js'
import { pushAsPerson } from '../support/github-fork.js'
import { carrierScenario } from '../support/github-scenario.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'

let obs: ObsTestServer
beforeAll(async () => {
  obs = await startObsServer()
  await obs.createProject('home:carrier')
})
afterAll(async () => obs?.stop())

/** fast.patch against the new upstream main.c (its context line changed). */
const refreshedPatch = linePatch(
  'main.c',
  ['#include <stdio.h>', 'int main(int argc, char **argv) {'],
  '  puts("hello");',
  '  puts("hello, fast");',
  ['  return 0;', '}'],
)

describe('a merged conflict pull request', () => {
  it('is adopted by the next run: branch moved, published to OBS, the pull request told the version', async () => {
    const s = await carrierScenario('patch-conflict')
    try {
      const { fork, github } = s
      const inputs = {
        'obs-url': obs.apiUrl,
        'obs-project': 'home:carrier',
        'obs-package': 'hello',
        'obs-user': 'carrier',
        'obs-password': 'sentinel-obs-password-7c1d',
        'obs-create': 'true',
      }
      // the quilt patch needs fuzz now: a conflict, nothing published
      const first = await s.sync(inputs)
      expect(first.code, first.stdout + first.stderr).toBe(0)
      expect(first.outputs).toMatchObject({
        result: 'conflict',
        'pull-request-number': '1',
        'obs-revision': '',
      })
      const [pull] = github.api.pulls()
      expect(pull!.body).toContain('**Failed patch:** `fast.patch`')
      expect(pull!.body).toContain('quilt refresh')

      // a person refreshes the patch on the pull request branch and merges it on the website
      await pushAsPerson(fork, 'patch-carrier/rebase/debian/1.1-1', 'Refresh fast.patch for 1.1', {
        'debian/patches/fast.patch': refreshedPatch,
      })
      const merge = await github.merge(1)

      const adopted = await s.sync(inputs)
      expect(adopted.code, adopted.stdout + adopted.stderr).toBe(0)
      expect(adopted.outputs).toMatchObject({
        result: 'published',
        version: '1.1-1+carrier1',
        'obs-revision': '1',
        commit: merge,
        'pull-request-number': '1',
        // GitHub closed it with the merge: the run only comments on it
        'pull-request-operation': 'none',
      })
      expect(await git(fork.bare, 'rev-parse', 'refs/heads/main')).toBe(merge)
      expect(await obs.osc(['cat', 'home:carrier', 'hello', 'hello_1.1-1+carrier1.dsc'])).toContain(
        'Version: 1.1-1+carrier1',
      )
      const [comment] = github.api.comments(1)
      expect(comment!.body).toContain('built as version `1.1-1+carrier1` and published as OBS revision `1`')
      expect(github.api.pulls()[0]).toMatchObject({ state: 'closed', merged: true })
      expect(github.api.violations()).toEqual([])
      await s.assertNoTokenLeaked()
    } finally {
      await s.close()
    }
  })
})
