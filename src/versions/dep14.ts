import { isValidDebianVersion } from './dpkg.js'

/**
 * Mangles a version into a DEP-14 tag component: `:`→`%`, `~`→`_`, and a `#` after any `.` that git
 * would refuse in a ref name (`..`, a trailing `.`, a `.lock` ending).
 */
export function dep14Encode(version: string): string {
  return version
    .replaceAll(':', '%')
    .replaceAll('~', '_')
    .replace(/\.(?=\.|$|lock$)/g, '.#')
}

/** Reverses dep14Encode: `%`→`:`, `_`→`~`, and every `#` removed. */
export function dep14Decode(component: string): string {
  return component.replaceAll('%', ':').replaceAll('_', '~').replaceAll('#', '')
}

// Vendor names are dpkg-vendor style words; anything else would make a surprising ref.
const vendorPattern = /^[a-z0-9][a-z0-9+-]*$/i

/** The DEP-14 packaging tag of a version, e.g. `debian/1%2.3-1`; throws on an invalid version or vendor. */
export function debianTag(version: string, vendor = 'debian'): string {
  if (!vendorPattern.test(vendor)) throw new Error(`Invalid DEP-14 vendor ${JSON.stringify(vendor)}`)
  if (!isValidDebianVersion(version)) throw new Error(`Invalid Debian version ${JSON.stringify(version)}`)
  return `${vendor}/${dep14Encode(version)}`
}

/** The DEP-14 tag of an upstream version, e.g. `upstream/2.3`; throws when it is not an upstream version. */
export function upstreamTag(upstreamVersion: string): string {
  // Upstream versions carry neither an epoch nor a revision, but may contain hyphens.
  if (!/^[0-9][A-Za-z0-9.+~-]*$/.test(upstreamVersion))
    throw new Error(`Invalid upstream version ${JSON.stringify(upstreamVersion)}`)
  return `upstream/${dep14Encode(upstreamVersion)}`
}

/** A DEP-14 tag's vendor and decoded version, or undefined when the name is not `<vendor>/<version>`. */
export function parseDep14Tag(tagName: string): { vendor: string; version: string } | undefined {
  const slash = tagName.indexOf('/')
  const vendor = tagName.slice(0, slash)
  const encoded = tagName.slice(slash + 1)
  if (slash === -1 || !vendorPattern.test(vendor) || !/^[A-Za-z0-9.+%_#-]+$/.test(encoded)) return undefined
  const version = dep14Decode(encoded)
  return isValidDebianVersion(version) ? { vendor, version } : undefined
}
