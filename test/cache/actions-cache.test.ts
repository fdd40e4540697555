import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cacheKeys } from '../../src/cache/keys.js'
import { runAction } from '../support/action.js'
import {
  addDownstreamPatch,
  fastPatch,
  helloMainC as mainC,
  makeDebianUpstream,
  makeFork,
  type DebianUpstream,
  type Fork,
} from '../support/debian-fixtures.js'
import { startCacheServiceStandIn, type CacheServiceStandIn } from '../support/actions-cache-standin.js'
import { tempDir } from '../support/tmp.js'

describe('@actions/cache on a runner', () => {
  let upstream: DebianUpstream
  let fork: Fork
  let service: CacheServiceStandIn
  beforeAll(async () => {
    upstream = await makeDebianUpstream({ source: 'hello' })
    await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') } })
    fork = await makeFork(upstream.url, 'debian/1.0-1')
    await addDownstreamPatch(fork, 'fast.patch', fastPatch)
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
    service = await startCacheServiceStandIn()
  })
  afterAll(() => service.close())

  const inputs = () => ({
    'remote-url': fork.url,
    'upstream-url': upstream.url,
    'upstream-tags': 'debian/*',
    'dry-run': 'true',
  })

  it('restores and saves under the upstream’s keys; a service that holds nothing and refuses writes costs nothing else', async () => {
    const runnerTemp = await tempDir('pc-runner-temp-')
    const runtimeToken = 'runtime-token-0123456789'
    const run = await runAction(inputs(), {
      RUNNER_TEMP: runnerTemp,
      ACTIONS_RUNTIME_TOKEN: runtimeToken,
      ACTIONS_RESULTS_URL: service.url,
      ACTIONS_CACHE_SERVICE_V2: 'true',
    })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.result).toBe('planned')
    const keys = cacheKeys(upstream.url, 'debian/1.1-1')
    expect(service.calls()).toEqual([
      `GetCacheEntryDownloadURL ${keys.primary} ${keys.restore[0]}`,
      `CreateCacheEntry ${keys.primary}`,
    ])
    expect(run.stdout).toContain(`Cache: nothing cached yet for ${keys.primary}`)
    expect(run.stdout).toContain(`Cache: not saved (${keys.primary})`)
    expect(run.stdout).not.toContain('::error::')
    // the cache directory sits under RUNNER_TEMP, as the service's paths must be the same on every run
    expect(await readdir(join(runnerTemp, 'patch-carrier-cache'))).toHaveLength(1)
    expect(run.everything).not.toContain(runtimeToken)
  })

  it('outside GitHub (no ACTIONS_RUNTIME_TOKEN) caching is skipped quietly', async () => {
    const runnerTemp = await tempDir('pc-runner-temp-')
    const before = service.calls().length
    const run = await runAction(inputs(), { RUNNER_TEMP: runnerTemp, ACTIONS_RESULTS_URL: service.url })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(service.calls().length).toBe(before)
    expect(run.stdout).not.toContain('Cache')
    expect(await readdir(runnerTemp)).not.toContain('patch-carrier-cache')
  })
})
