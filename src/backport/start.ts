import type { RemoteRefs } from '../git/remote.js'
import { DiscoveryError } from '../pipeline/discover.js'
import { matchesGlobs, type ResolvedOrder } from '../versions/tags.js'
import type { SourceVersion } from './discover.js'

/** backport-from as a tag of upstream, or the tag of that version. */
export function startOf(
  value: string,
  upstream: RemoteRefs,
  order: ResolvedOrder,
  globs: readonly string[],
  versioned: (name: string) => SourceVersion | undefined,
): SourceVersion {
  if (upstream.tagCommits.has(value)) {
    const found = versioned(value)
    if (!found) throw new DiscoveryError(`backport-from: tag '${value}' carries no version in ${order} order`)
    return found
  }
  return tagFor(value, upstream, order, globs, versioned, 'backport-from')
}

/** The tag holding a version: one matching upstream-tags first, else any (the first version is often untagged by the glob). */
export function tagFor(
  version: string,
  upstream: RemoteRefs,
  order: ResolvedOrder,
  globs: readonly string[],
  versioned: (name: string) => SourceVersion | undefined,
  what: string,
): SourceVersion {
  const names = [...upstream.tagCommits.keys()].sort()
  const candidates = names.filter((name) => versioned(name)?.version === version)
  const tag = candidates.find((name) => matchesGlobs(name, globs)) ?? candidates[0]
  if (!tag)
    throw new DiscoveryError(
      `${what} ${JSON.stringify(version)}: no tag of upstream-url holds this version (in ${order} order); ` +
        'its debian/patches are what the next version is compared with',
    )
  return versioned(tag)!
}
