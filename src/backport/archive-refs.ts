import { dep14Encode } from '../versions/dep14.js'

/**
 * The packaging of each archive version a pinned fork compared or ported, kept on the fork as a commit of
 * its debian/ directory: the archive drops superseded versions, and the next version is compared with it.
 */
export const sourceTagName = (pkg: string, version: string): string =>
  `backport-source/${pkg}/${dep14Encode(version)}`

export const sourceRef = (pkg: string, version: string): string =>
  `refs/tags/patch-carrier/${sourceTagName(pkg, version)}`
