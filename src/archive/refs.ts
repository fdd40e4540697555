import type { RemoteRefs } from '../git/remote.js'
import { dep14Decode, dep14Encode } from '../versions/dep14.js'
import { compareDebianVersions, isValidDebianVersion } from '../versions/dpkg.js'

/**
 * Where imports from a Debian archive live on the fork. An import is named like a tag,
 * `import/<package>/<DEP-14 version>`, and kept as `refs/tags/patch-carrier/import/<package>/<version>`:
 * in patch-carrier's namespace, so it never clashes with the fork's own tags (`debian/…`) nor with
 * another package's imports.
 */
export const importTagName = (pkg: string, version: string): string => `import/${pkg}/${dep14Encode(version)}`
export const isImportTagName = (name: string): boolean => /^import\/[a-z0-9][a-z0-9+.-]+\/[^/]+$/.test(name)
export const importRef = (name: string): string => `refs/tags/patch-carrier/${name}`

/**
 * Which source indices a suite had when its newest version was imported: the ref's last component is a
 * digest of the Release's Sources lines. When InRelease still gives the same digest, Sources is not
 * downloaded again. It points at the import, and moves only together with a push of the branch.
 */
export const seenPrefix = (pkg: string, suite: string): string => `refs/patch-carrier/seen/${pkg}/${suite}/`

/** An import of one version, as the fork's refs show it. */
export interface ImportedVersion {
  name: string
  version: string
  commit: string
}

/** The fork's imports of `pkg`, newest version first. */
export function importsOf(fork: RemoteRefs, pkg: string): ImportedVersion[] {
  const prefix = `import/${pkg}/`
  const found: ImportedVersion[] = []
  for (const [name, commit] of fork.tagCommits) {
    if (!name.startsWith(`patch-carrier/${prefix}`)) continue
    const tag = name.slice('patch-carrier/'.length)
    const version = dep14Decode(tag.slice(prefix.length))
    if (isValidDebianVersion(version)) found.push({ name: tag, version, commit })
  }
  return found.sort((a, b) => compareDebianVersions(b.version, a.version))
}

/** The packages the fork holds imports of. */
export function importedPackages(fork: RemoteRefs): string[] {
  const names = new Set<string>()
  for (const name of fork.tagCommits.keys()) {
    const match = /^patch-carrier\/import\/([^/]+)\//.exec(name)
    if (match) names.add(match[1]!)
  }
  return [...names]
}

/** The seen ref of a suite on the fork: its digest and the import it points at. */
export function seenOf(
  fork: RemoteRefs,
  pkg: string,
  suite: string,
): { ref: string; digest: string; commit: string }[] {
  const prefix = seenPrefix(pkg, suite)
  return [...fork.refs]
    .filter(([ref]) => ref.startsWith(prefix) && !ref.slice(prefix.length).includes('/'))
    .map(([ref, commit]) => ({ ref, digest: ref.slice(prefix.length), commit }))
}
