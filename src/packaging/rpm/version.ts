import type { ReleaseTag } from '../../pipeline/discover.js'
import { parseDep14Tag } from '../../versions/dep14.js'
import { upstreamVersionOf } from '../../versions/dpkg.js'

/** The RPM version of a build: the spec's Version and Release, and `version-release` as reported. */
export interface RpmVersion {
  version: string
  release: string
  /** `version-release`, the `version` output and the build tag's name. */
  full: string
}

const RPM_VERSION = /^[A-Za-z0-9._+~^]+$/

/**
 * Version and Release for a build on `tag`. Version is the tag's upstream version (a DEP-14 packaging tag
 * loses epoch and Debian revision; `-` becomes `~`, rpm's pre-release mark: `2.0-rc1` → `2.0~rc1`).
 * Release is `1` plus the version-suffix with its counter: the pipeline's `versionFor` turns the
 * base `<version>-1` into `<version>-1+carrier<n>`, and everything after the version's `-` is the
 * Release (`1+carrier1`).
 */
export function rpmVersionFor(tag: ReleaseTag, versionFor: (base: string) => string): RpmVersion {
  const dep14 = parseDep14Tag(tag.name)
  const upstream = dep14 && dep14.vendor !== 'upstream' ? upstreamVersionOf(tag.version) : tag.version
  const version = upstream.replace(/-/g, '~')
  if (!RPM_VERSION.test(version)) {
    throw new Error(
      `the version of upstream tag ${tag.name} ("${upstream}") cannot be an RPM Version ` +
        "(letters, digits, '.', '_', '+', '~', '^'): choose other tags with upstream-tags",
    )
  }
  const full = versionFor(`${version}-1`)
  const release = full.startsWith(`${version}-`) ? full.slice(version.length + 1) : ''
  if (!RPM_VERSION.test(release)) {
    throw new Error(`version-suffix gives "${full}", whose release "${release}" is not a valid RPM Release`)
  }
  return { version, release, full }
}
