import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { GitRepo } from '../git/repo.js'
import type { Logger } from '../pipeline/deps.js'
import type { Settings } from '../action/settings.js'
import { cacheKeys, cachePaths, type CachePaths } from './keys.js'
import { keepObjects, usableObjects } from './objects.js'
import { actionsCacheAvailable, actionsCacheService, type CacheService } from './service.js'

/** What a run may reuse: objects to borrow and the directory of cached orig tarballs. */
export interface PreparedCache {
  /** A bare repository whose objects the work repository may borrow. */
  objects?: string
  /** Where orig tarballs are looked up and stored. */
  origDir?: string
}

/**
 * Upstream git objects and orig tarballs kept between runs, keyed by upstream URL and tag. Every step is
 * best-effort: a cache that cannot be restored, updated or saved costs time, never the run.
 */
export interface UpstreamCache {
  /** Restores this upstream's cache (from the tag's entry, or the newest earlier one). */
  prepare(tag: string): Promise<PreparedCache>
  /** Takes what the work repository fetched from upstream into the cache. */
  keep(repo: GitRepo): Promise<void>
  /** Saves the cache under the tag's key when that entry does not exist yet (GitHub only). */
  save(): Promise<void>
}

/**
 * The cache of a run, or undefined when there is none: `cache: false`, no upstream (build mode without
 * upstream-url), or outside GitHub without a `cache-dir` (skipped quietly).
 */
export function openCache(
  settings: Settings,
  env: NodeJS.ProcessEnv,
  log: Logger,
  service: CacheService | undefined = actionsCacheAvailable(env) ? actionsCacheService : undefined,
): UpstreamCache | undefined {
  const upstreamUrl = settings.upstreamUrl
  if (!settings.cache || !upstreamUrl) return undefined
  const root =
    (settings.cacheDir && resolve(settings.cacheDir)) ??
    (service ? join(env.RUNNER_TEMP || tmpdir(), 'patch-carrier-cache') : undefined)
  if (!root) return undefined
  const paths: CachePaths = cachePaths(root, upstreamUrl)
  let key: string | undefined
  let restored: string | undefined
  let kept = false // only a cache this run brought up to date is worth saving under the tag's key

  const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work()
    } catch (error) {
      log.info(
        `Cache: ${what} failed, the run goes on without it: ${error instanceof Error ? error.message : String(error)}`,
      )
      return undefined
    }
  }

  return {
    async prepare(tag) {
      const keys = cacheKeys(upstreamUrl, tag)
      key = keys.primary
      if (service) {
        restored = await attempt('restore', () => service.restore([paths.dir], keys.primary, keys.restore))
        log.info(restored ? `Cache: restored ${restored}` : `Cache: nothing cached yet for ${keys.primary}`)
      }
      if (await usableObjects(paths.objects)) return { objects: paths.objects, origDir: paths.orig }
      await attempt('clean-up', () => rm(paths.objects, { recursive: true, force: true }))
      return { origDir: paths.orig }
    },

    async keep(repo) {
      if (!key) return
      kept = (await attempt('update', () => keepObjects(repo, paths.objects).then(() => true))) ?? false
    },

    async save() {
      if (!service || !key || !kept || restored === key) return
      const saving = key
      const saved = await attempt('save', () => service.save([paths.dir], saving))
      log.info(saved ? `Cache: saved ${saving}` : `Cache: not saved (${saving})`)
    },
  }
}
