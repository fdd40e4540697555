import { describe, expect, it } from 'vitest'
import { openCache } from '../../src/cache/session.js'
import { actionsCacheAvailable, type CacheService } from '../../src/cache/service.js'
import { GitRepo } from '../../src/git/repo.js'
import type { Logger } from '../../src/pipeline/deps.js'
import { parseSettings, type Settings } from '../../src/action/settings.js'
import { tempDir } from '../support/tmp.js'

function settings(inputs: Record<string, string> = {}): Settings {
  const all: Record<string, string> = {
    'remote-url': 'file:///srv/fork.git',
    'upstream-url': 'https://salsa.debian.org/debian/dovecot.git',
    ...inputs,
  }
  return parseSettings((name) => all[name] ?? '', { RUNNER_TEMP: '/tmp/runner' })
}

function logger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (message) => void lines.push(message),
    warning: (message) => void lines.push(`warning: ${message}`),
    group: (_name, stage) => stage(),
  }
}

/** A cache service that records calls and fails or hits as told. */
function fakeService(behaviour: { restore?: 'throw' | 'exact' | 'miss'; save?: 'throw' | 'declined' }) {
  const calls: string[] = []
  const service: CacheService = {
    async restore(paths, key, restoreKeys) {
      calls.push(`restore ${paths.join(',')} ${key} ${restoreKeys.join(',')}`)
      if (behaviour.restore === 'throw') throw new Error('cache service unreachable')
      return behaviour.restore === 'exact' ? key : undefined
    },
    async save(paths, key) {
      calls.push(`save ${paths.join(',')} ${key}`)
      if (behaviour.save === 'throw') throw new Error('no space left')
      return behaviour.save !== 'declined'
    },
  }
  return { service, calls }
}

describe('the cache of a run', () => {
  it('is off outside GitHub unless cache-dir is set, with cache: false, and without an upstream', () => {
    const env = { RUNNER_TEMP: '/tmp/runner' }
    expect(actionsCacheAvailable(env)).toBe(false)
    expect(actionsCacheAvailable({ ACTIONS_RUNTIME_TOKEN: 't' })).toBe(false)
    expect(actionsCacheAvailable({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://x/' })).toBe(
      true,
    )
    expect(openCache(settings(), env, logger())).toBeUndefined()
    expect(openCache(settings({ 'cache-dir': '/tmp/c' }), env, logger())).toBeDefined()
    expect(openCache(settings({ 'cache-dir': '/tmp/c', cache: 'false' }), env, logger())).toBeUndefined()
    const build = settings({ mode: 'build', 'upstream-url': '', 'cache-dir': '/tmp/c' })
    expect(openCache(build, env, logger())).toBeUndefined()
    // on a runner it lives under RUNNER_TEMP
    const onRunner = openCache(settings(), env, logger(), fakeService({}).service)
    expect(onRunner).toBeDefined()
  })

  it('restores the tag’s entry or the newest of the same upstream, and saves a new tag’s entry', async () => {
    const root = await tempDir('pc-cache-')
    const { service, calls } = fakeService({ restore: 'miss' })
    const log = logger()
    const cache = openCache(settings({ 'cache-dir': root }), {}, log, service)!
    const prepared = await cache.prepare('debian/1%2.3.21-2')
    expect(prepared.objects).toBeUndefined() // nothing restored: nothing to borrow
    expect(prepared.origDir?.startsWith(root)).toBe(true)
    expect(calls[0]).toMatch(
      /^restore \/\S+ patch-carrier-v1-\w+-debian_1%2\.3\.21-2-\w+ patch-carrier-v1-\w+-$/,
    )
    // objects kept from a work repository make the entry worth saving
    const work = await tempDir('pc-work-')
    const repo = new GitRepo(`${work}/.git`, work)
    await repo.exec(['init', '--quiet'])
    await repo.exec(['commit', '--quiet', '--allow-empty', '-m', 'x'], {
      env: {
        GIT_AUTHOR_NAME: 'a',
        GIT_AUTHOR_EMAIL: 'a@b',
        GIT_COMMITTER_NAME: 'a',
        GIT_COMMITTER_EMAIL: 'a@b',
      },
    })
    await repo.exec(['update-ref', 'refs/patch-carrier/upstream/tags/debian/1%2.3.21-2', 'HEAD'])
    await cache.keep(repo)
    await cache.save()
    expect(calls[1]).toMatch(/^save \/\S+ patch-carrier-v1-\w+-debian_1%2\.3\.21-2-\w+$/)
    expect(calls[1]!.split(' ')[1]).toBe(calls[0]!.split(' ')[1]) // the same directory, restored and saved
    expect(log.lines).toContain(`Cache: saved ${calls[1]!.split(' ')[2]}`)
  })

  it('never fails the run: a failing restore, update or save is logged and skipped', async () => {
    const root = await tempDir('pc-cache-')
    const { service, calls } = fakeService({ restore: 'throw', save: 'throw' })
    const log = logger()
    const cache = openCache(settings({ 'cache-dir': root }), {}, log, service)!
    expect((await cache.prepare('v1')).objects).toBeUndefined()
    await expect(cache.keep(new GitRepo('/nonexistent/.git'))).resolves.toBeUndefined()
    await expect(cache.save()).resolves.toBeUndefined()
    expect(log.lines.filter((line) => line.includes('failed, the run goes on without it'))).toHaveLength(2)
    expect(calls).toHaveLength(1) // nothing usable to save after the failed update
  })

  it('saves nothing when the exact entry was restored (entries are immutable)', async () => {
    const root = await tempDir('pc-cache-')
    const { service, calls } = fakeService({ restore: 'exact' })
    const cache = openCache(settings({ 'cache-dir': root }), {}, logger(), service)!
    await cache.prepare('v1')
    await cache.save()
    expect(calls.filter((call) => call.startsWith('save'))).toEqual([])
  })
})
