/** The storage behind the cache: GitHub's cache service on a runner; nothing elsewhere. */
export interface CacheService {
  /** Restores `paths`; returns the key that matched, or undefined on a miss. */
  restore(paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined>
  /** Saves `paths` under `key`; false when the service declined (the entry exists, no space, no access). */
  save(paths: string[], key: string): Promise<boolean>
}

/**
 * Whether GitHub's cache service is reachable: a JavaScript action on a runner gets ACTIONS_RUNTIME_TOKEN
 * and the service URL. The token is @actions/cache's business; it is never stored or logged here.
 */
export function actionsCacheAvailable(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL))
}

/** @actions/cache, loaded only when used (it is large and needs the runner's environment). */
export const actionsCacheService: CacheService = {
  async restore(paths, key, restoreKeys) {
    const cache = await import('@actions/cache')
    return cache.restoreCache(paths, key, restoreKeys)
  },
  async save(paths, key) {
    const cache = await import('@actions/cache')
    return (await cache.saveCache(paths, key)) !== -1
  },
}
