/** A plain release version: numeric dot-separated release parts and optional prerelease identifiers. */
export interface PlainVersion {
  release: string[]
  prerelease: string[]
}

// Release parts, then a prerelease after `-`, `~` or directly after the digits when it starts with a letter
// (`2.4.1-rc.1`, `1.0~beta2`, `1.0rc1`), then build metadata after `+`, which never affects the order.
const more = '(?:\\.[0-9A-Za-z-]+)*'
const plainPattern = new RegExp(
  `^([0-9]+(?:\\.[0-9]+)*)` +
    `(?:[-~]([0-9A-Za-z-]+${more})|([A-Za-z][0-9A-Za-z-]*${more}))?` +
    `(?:\\+[0-9A-Za-z-]+${more})?$`,
)

/** Parses a plain version such as `2.4.1`, `1.03`, `2.4.1-rc.1` or `1.0+build.5`; undefined if not one. */
export function parsePlainVersion(version: string): PlainVersion | undefined {
  const match = plainPattern.exec(version)
  if (!match) return undefined
  const release = (match[1] ?? '').split('.')
  const prerelease = match[2] ?? match[3]
  return { release, prerelease: prerelease === undefined ? [] : prerelease.split('.') }
}

/** True when `version` is a plain release version that comparePlainVersions can order. */
export function isValidPlainVersion(version: string): boolean {
  return parsePlainVersion(version) !== undefined
}

/** Compares two digit strings by numeric value, without the precision limits of Number. */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '')
  const y = b.replace(/^0+/, '')
  if (x.length !== y.length) return x.length - y.length
  return x < y ? -1 : x > y ? 1 : 0
}

/** Natural order inside an identifier, so `rc10` follows `rc9`: digit runs by value, text by code unit. */
function compareNatural(a: string, b: string): number {
  const left = a.match(/[0-9]+|[^0-9]+/g) ?? []
  const right = b.match(/[0-9]+|[^0-9]+/g) ?? []
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? ''
    const y = right[i] ?? ''
    const xNumeric = /^[0-9]/.test(x)
    const yNumeric = /^[0-9]/.test(y)
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1
    const difference = xNumeric ? compareDigits(x, y) : x < y ? -1 : x > y ? 1 : 0
    if (difference !== 0) return difference
  }
  return left.length - right.length
}

/** Semver precedence between two prerelease identifiers: numeric ones first and by value, then the rest. */
function compareIdentifier(a: string, b: string): number {
  const aNumeric = /^[0-9]+$/.test(a)
  const bNumeric = /^[0-9]+$/.test(b)
  if (aNumeric && bNumeric) return compareDigits(a, b)
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1
  return compareNatural(a, b)
}

function compareRelease(a: readonly string[], b: readonly string[]): number {
  // Missing parts count as 0, so `1.0` and `1.0.0` are the same release.
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = compareDigits(a[i] ?? '0', b[i] ?? '0')
    if (difference !== 0) return difference
  }
  return 0
}

function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  // A release (no identifiers) follows all of its prereleases.
  if (a.length === 0 || b.length === 0) return b.length - a.length
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = compareIdentifier(a[i] ?? '', b[i] ?? '')
    if (difference !== 0) return difference
  }
  return a.length - b.length
}

/**
 * Orders two plain release versions (<0, 0, >0): release parts numerically, a prerelease before its release,
 * build metadata ignored. Throws when either is not a plain version.
 */
export function comparePlainVersions(a: string, b: string): number {
  const left = parsePlainVersion(a)
  const right = parsePlainVersion(b)
  if (!left) throw new Error(`Invalid release version ${JSON.stringify(a)}`)
  if (!right) throw new Error(`Invalid release version ${JSON.stringify(b)}`)
  return Math.sign(
    compareRelease(left.release, right.release) || comparePrerelease(left.prerelease, right.prerelease),
  )
}
