import { dep14Decode, parseDep14Tag } from './dep14.js'
import { compareDebianVersions, isValidDebianVersion } from './dpkg.js'
import { matchesGlobs } from './glob.js'
import { comparePlainVersions, isValidPlainVersion } from './semver.js'

export { matchesGlob, matchesGlobs, parseGlobList } from './glob.js'

/** The `version-order` input: dpkg order with DEP-14 decoding, plain/semver order, or chosen from the tags. */
export type VersionOrder = 'debian' | 'semver' | 'auto'

/** An order with `auto` decided; comparing needs one order for a whole set, or sorting is not consistent. */
export type ResolvedOrder = Exclude<VersionOrder, 'auto'>

/** A tag as listed by `git ls-remote`. */
export interface Tag {
  name: string
  commit: string
}

/** A tag together with the version it stands for. */
export type VersionedTag<T extends Tag = Tag> = T & { version: string }

// Only ordinary ref characters: names with spaces, shell characters, unicode or a leading `-` have no version.
const ordinaryName = /^[A-Za-z0-9][A-Za-z0-9._+%#/-]*$/

/** `auto` becomes `debian` when any of the names is a DEP-14 tag (`<vendor>/<version>`), else `semver`. */
export function resolveOrder(tagNames: readonly string[], order: VersionOrder): ResolvedOrder {
  if (order !== 'auto') return order
  return tagNames.some((name) => parseDep14Tag(name) !== undefined) ? 'debian' : 'semver'
}

/**
 * Where a version may start: the first digit opening a `-`-separated word (after an optional `v`), else the
 * first digit at all.
 */
function versionStarts(text: string): number[] {
  const wordStart = /(?:^|-)[vV]?([0-9])/.exec(text)
  const firstDigit = text.search(/[0-9]/)
  const starts = wordStart ? [wordStart.index + wordStart[0].length - 1] : []
  return firstDigit === -1 ? starts : [...starts, firstDigit]
}

/**
 * The version a tag stands for, or undefined when it carries none: the last path component, DEP-14 decoded in
 * debian order, without a leading name (`v2.4.1`, `qmail-1.03`, `release-2.0`), valid in the given order.
 */
export function tagVersion(tagName: string, order: VersionOrder): string | undefined {
  if (!ordinaryName.test(tagName)) return undefined
  const resolved = resolveOrder([tagName], order)
  const component = tagName.slice(tagName.lastIndexOf('/') + 1)
  const text = resolved === 'debian' ? dep14Decode(component) : component
  const isValid = resolved === 'debian' ? isValidDebianVersion : isValidPlainVersion
  return versionStarts(text)
    .map((start) => text.slice(start))
    .find(isValid)
}

/** Code-unit order, the same in every locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Orders two versions (-1, 0, 1) in the given order. Never throws: a string that is not a version in that
 * order sorts before every version, and such strings compare among themselves as strings.
 */
export function compareVersions(a: string, b: string, order: ResolvedOrder): number {
  const isValid = order === 'debian' ? isValidDebianVersion : isValidPlainVersion
  const aValid = isValid(a)
  const bValid = isValid(b)
  if (aValid !== bValid) return aValid ? 1 : -1
  if (!aValid) return compareStrings(a, b)
  return Math.sign(order === 'debian' ? compareDebianVersions(a, b) : comparePlainVersions(a, b))
}

/**
 * The tags matching any of `globs` that carry a version, newest first; `auto` is decided once over the
 * matching names. Equal versions (`v1.0`, `1.0`) are ordered by name, so input order never matters.
 */
export function sortTagsNewestFirst<T extends Tag>(
  tags: readonly T[],
  globs: readonly string[],
  order: VersionOrder,
): VersionedTag<T>[] {
  const matching = tags.filter((tag) => matchesGlobs(tag.name, globs))
  const resolved = resolveOrder(
    matching.map((tag) => tag.name),
    order,
  )
  const versioned = matching.flatMap((tag) => {
    const version = tagVersion(tag.name, resolved)
    return version === undefined ? [] : [{ ...tag, version }]
  })
  return versioned.sort(
    (a, b) => compareVersions(b.version, a.version, resolved) || compareStrings(a.name, b.name),
  )
}

/** The newest tag matching any of `globs` that carries a version, or undefined when there is none. */
export function newestTag<T extends Tag>(
  tags: readonly T[],
  globs: readonly string[],
  order: VersionOrder,
): VersionedTag<T> | undefined {
  return sortTagsNewestFirst(tags, globs, order)[0]
}
