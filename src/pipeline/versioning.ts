import { dep14Encode } from '../versions/dep14.js'

/** Fork tags recording which commit each version was built from: they make `{n}` count. */
export const buildTagRef = (version: string): string =>
  `refs/tags/patch-carrier/build/${dep14Encode(version)}`

/**
 * Where work is kept under the name of a tag: the branch head before a rebase onto a newer tag, a person's
 * work before a pull request branch is deleted.
 */
export const archiveRef = (tag: string, sha: string): string =>
  `refs/tags/patch-carrier/archive/${tag}/${sha.slice(0, 12)}`

/**
 * The version for a build of `head`: base + suffix, with `{n}` the first counter not yet used by
 * another commit (a rebuild of the same commit reuses its version, so re-runs change nothing).
 */
export function versionWithSuffix(
  base: string,
  suffix: string,
  head: string,
  forkRefs: ReadonlyMap<string, string>,
): string {
  if (!suffix.includes('{n}')) return base + suffix
  for (let n = 1; ; n++) {
    const version = base + suffix.replace('{n}', String(n))
    const built = forkRefs.get(buildTagRef(version))
    if (built === undefined || built === head) return version
  }
}
