import type { Settings } from '../action/settings.js'
import { literalPrefix } from '../versions/glob.js'

/**
 * Which refs each listing asks the server for (protocol v2 `ref-prefix`): a run pays for the refs it can
 * use, not for every tag a repository ever made. Each prefix covers what one consumer of the listing reads.
 */

/** Tags that can match upstream-tags (and the explicit upstream-tag): `debian/*` → `refs/tags/debian/`. */
export function releaseTagPrefixes(settings: Settings): string[] {
  const prefixes = settings.upstreamTags.map((glob) => `refs/tags/${literalPrefix(glob)}`)
  if (settings.upstreamTag) prefixes.push(`refs/tags/${settings.upstreamTag}`)
  return minimal(prefixes)
}

/** Upstream, for a run that fetches: also the DEP-14 `upstream/<version>` tags and `pristine-tar` (orig tarballs). */
export function upstreamPrefixes(settings: Settings): string[] {
  return minimal([...releaseTagPrefixes(settings), 'refs/tags/upstream/', 'refs/heads/pristine-tar'])
}

/**
 * The fork: its HEAD (when no branch is set), the branch, and what patch-carrier keeps there: pull request
 * branches (`refs/heads/patch-carrier/`), build and archive tags (`refs/tags/patch-carrier/`), archive
 * import records (`refs/patch-carrier/`). With `releaseTags`, the fork's copies of the release tags too
 * (a tag upstream moved; the tags themselves when there is no upstream-url).
 */
export function forkPrefixes(settings: Settings, releaseTags: boolean): string[] {
  const prefixes = [
    ...(settings.branch ? [`refs/heads/${settings.branch}`] : ['HEAD', 'refs/heads/']),
    'refs/heads/patch-carrier/',
    'refs/tags/patch-carrier/',
    'refs/patch-carrier/',
  ]
  if (releaseTags || !settings.upstreamUrl) prefixes.push(...releaseTagPrefixes(settings))
  return minimal(prefixes)
}

/** Drops prefixes another one covers (`refs/tags/` covers `refs/tags/v`). */
function minimal(prefixes: readonly string[]): string[] {
  const unique = [...new Set(prefixes)]
  return unique.filter((prefix) => !unique.some((other) => other !== prefix && prefix.startsWith(other)))
}
