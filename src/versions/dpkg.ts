/** A Debian version split into its parts (deb-version(7)); `revision` is absent when there is no hyphen. */
export interface DebianVersion {
  epoch: number
  upstream: string
  revision?: string
}

// dpkg stores the epoch in an int and rejects anything larger.
const maxEpoch = 2 ** 31 - 1

/** The parts as dpkg cuts them: the epoch ends at the first colon, the revision follows the last hyphen. */
function split(version: string): {
  epoch: string | undefined
  upstream: string
  revision: string | undefined
} {
  const colon = version.indexOf(':')
  const rest = version.slice(colon + 1)
  const hyphen = rest.lastIndexOf('-')
  return {
    epoch: colon === -1 ? undefined : version.slice(0, colon),
    upstream: hyphen === -1 ? rest : rest.slice(0, hyphen),
    revision: hyphen === -1 ? undefined : rest.slice(hyphen + 1),
  }
}

/** The reason `version` is not a valid Debian version, or undefined when it is one. */
function problemOf(version: string): string | undefined {
  if (version === '') return 'it is empty'
  const { epoch, upstream, revision } = split(version)
  if (epoch === '') return 'the epoch before ":" is empty'
  if (epoch !== undefined && !/^[0-9]+$/.test(epoch)) return 'the epoch is not a number'
  if (Number(epoch ?? 0) > maxEpoch) return 'the epoch is too big'
  if (epoch !== undefined && upstream === '' && revision === undefined) return 'nothing follows the epoch'
  if (upstream === '') return 'the upstream version is empty'
  if (!/^[0-9]/.test(upstream)) return 'the upstream version does not start with a digit'
  // A colon past the first one belongs to the upstream part, which only happens with an epoch.
  if (!/^[A-Za-z0-9.+~:-]+$/.test(upstream))
    return 'the upstream version has a character other than A-Za-z0-9.+~-:'
  if (revision === '') return 'the revision after the last "-" is empty'
  if (revision !== undefined && !/^[A-Za-z0-9.+~]+$/.test(revision))
    return 'the revision has a character other than A-Za-z0-9.+~'
  return undefined
}

/** True when `version` follows deb-version(7): `[epoch:]upstream[-revision]`. */
export function isValidDebianVersion(version: string): boolean {
  return problemOf(version) === undefined
}

/** Splits a Debian version into epoch, upstream version and revision; throws when it is not valid. */
export function parseDebianVersion(version: string): DebianVersion {
  const problem = problemOf(version)
  if (problem !== undefined) throw new Error(`Invalid Debian version ${JSON.stringify(version)}: ${problem}`)
  const { epoch, upstream, revision } = split(version)
  return revision === undefined
    ? { epoch: Number(epoch ?? 0), upstream }
    : { epoch: Number(epoch ?? 0), upstream, revision }
}

/** The upstream version alone (no epoch, no revision), as used in orig tarball names. */
export function upstreamVersionOf(version: string): string {
  return parseDebianVersion(version).upstream
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122)

/** Weight of a character in a non-digit run: `~` < end < letters < the rest. */
function weight(text: string, index: number): number {
  if (index >= text.length) return 0
  const code = text.charCodeAt(index)
  if (isDigit(code)) return 0
  if (isLetter(code)) return code
  if (code === 126) return -1 // '~'
  return code + 256
}

/** dpkg's verrevcmp: alternating non-digit runs (by weight) and digit runs (by numeric value). */
function compareFragment(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const difference = weight(a, i) - weight(b, j)
      if (difference !== 0) return difference
      i++
      j++
    }
    while (a.charCodeAt(i) === 48) i++
    while (b.charCodeAt(j) === 48) j++
    let firstDifference = 0
    while (i < a.length && j < b.length && isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (firstDifference === 0) firstDifference = a.charCodeAt(i) - b.charCodeAt(j)
      i++
      j++
    }
    // A longer digit run (after leading zeros) is the bigger number.
    if (i < a.length && isDigit(a.charCodeAt(i))) return 1
    if (j < b.length && isDigit(b.charCodeAt(j))) return -1
    if (firstDifference !== 0) return firstDifference
  }
  return 0
}

/**
 * Orders two Debian versions exactly as `dpkg --compare-versions` does: <0, 0 or >0.
 * An absent revision compares like "0". Throws when either is not a valid Debian version.
 */
export function compareDebianVersions(a: string, b: string): number {
  const left = parseDebianVersion(a)
  const right = parseDebianVersion(b)
  if (left.epoch !== right.epoch) return left.epoch < right.epoch ? -1 : 1
  return (
    compareFragment(left.upstream, right.upstream) ||
    compareFragment(left.revision ?? '', right.revision ?? '')
  )
}
