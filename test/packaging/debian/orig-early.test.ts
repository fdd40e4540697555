import { describe, expect, it } from 'vitest'
import { startOrigEarly } from '../../../src/packaging/debian/orig-early.js'
import { testSettings } from '../rpm/fixtures.js'
import { tempDir } from '../../support/tmp.js'
import { makeDebianRepo } from './fixtures.js'

describe('orig tarballs started alongside the rebase', () => {
  it('say why they failed before the build falls back to making them itself', async () => {
    const { repo, head } = await makeDebianRepo(await tempDir(), { files: { README: 'hello\n' } })
    const logged: string[] = []
    const missing = 'f'.repeat(40)
    const early = await startOrigEarly({
      repo,
      hint: head,
      // an upstream commit the repository does not have
      upstreamTag: { name: 'debian/1.0-1', commit: missing, version: '1.0-1' },
      upstreamData: {},
      settings: testSettings(await tempDir()),
      scratchDir: await tempDir(),
      log: (message) => logged.push(message),
    })
    expect(early).toBeUndefined()
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatch(
      /^Orig tarballs could not be made alongside the rebase \(upstream revision f{40} is not a commit in .*\); the build makes them itself$/,
    )
  })
})
