import { createHash } from 'node:crypto'
import { join } from 'node:path'

/** Bumped when the layout of a cache entry changes, so old entries are never misread. */
export const CACHE_LAYOUT = 'v1'

const digest = (text: string, length: number): string =>
  createHash('sha256').update(text).digest('hex').slice(0, length)

/** A short, stable name for an upstream URL (the URL itself can be long and hold any character). */
export const upstreamId = (upstreamUrl: string): string => digest(upstreamUrl, 16)

/** A tag as a key part: readable where it can be, and a hash so that distinct tags never share a key. */
export function tagKeyPart(tag: string): string {
  const readable = tag.replace(/[^A-Za-z0-9._+%-]/g, '_').slice(0, 100)
  return `${readable}-${digest(tag, 8)}`
}

/**
 * Cache keys for one upstream at one tag. The restore key (the upstream's prefix) brings back the newest
 * entry of any earlier tag: its objects are most of what the new tag needs.
 */
export function cacheKeys(upstreamUrl: string, tag: string): { primary: string; restore: string[] } {
  const prefix = `patch-carrier-${CACHE_LAYOUT}-${upstreamId(upstreamUrl)}-`
  return { primary: `${prefix}${tagKeyPart(tag)}`, restore: [prefix] }
}

/** Where one upstream's cache lives under the cache root: one directory, saved and restored whole. */
export interface CachePaths {
  /** The directory handed to the cache service. */
  dir: string
  /** A bare repository holding the upstream objects earlier runs fetched. */
  objects: string
  /** Orig tarballs, one subdirectory per way of making them. */
  orig: string
}

export function cachePaths(root: string, upstreamUrl: string): CachePaths {
  const dir = join(root, upstreamId(upstreamUrl))
  return { dir, objects: join(dir, 'objects.git'), orig: join(dir, 'orig') }
}

/** The orig subdirectory for one way of making tarballs (orig-source and components change the bytes). */
export function origVariant(mode: string, components: readonly string[]): string {
  return `${mode}-${digest(JSON.stringify(components), 8)}`
}
