import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { GitRepo } from '../../git/repo.js'
import { archiveOrig } from './orig-archive.js'
import { findPristineTarballs, pristineTarCheckout } from './pristine-tar.js'

export type OrigSource = 'pristine-tar' | 'git-archive' | 'auto'

export interface OrigOptions {
  repo: GitRepo
  source: string
  /** Upstream version without epoch or Debian revision (`2.3.21+dfsg1`). */
  upstreamVersion: string
  /** Where the tarballs are written (created when absent; same-named files are replaced). */
  outDir: string
  /** `auto`: pristine-tar when the branch holds every tarball needed, else git archive. */
  mode: OrigSource
  /** Extra orig components (`pigeonhole` → `<source>_<uv>.orig-pigeonhole.tar.*`). */
  components?: readonly string[]
  /** Ref holding the pristine-tar data, e.g. `refs/remotes/upstream/pristine-tar` (default `pristine-tar`). */
  pristineTarRef?: string
  /**
   * The upstream source for git archive (needed unless pristine-tar is used): a commit-ish such as a
   * tag or commit sha. A bare tree id is refused: git archive would stamp its entries with the current time.
   */
  upstreamRevision?: string
  /** Where pristine-tar works (it unpacks the upstream tree there); default the system's temporary directory. */
  tempDir?: string
  /** Top-level paths left out of the main tarball besides the components (default `debian`, `.github`, `.pc`). */
  exclude?: readonly string[]
}

export interface OrigResult {
  /** Absolute paths: the main tarball first, then one per component in the order given. */
  files: string[]
  /** `debian-archive`: the archive's own tarballs, downloaded and verified (see archive/take.ts). */
  method: 'pristine-tar' | 'git-archive' | 'debian-archive'
  /**
   * A commit whose tree, outside debian/, is exactly what the tarballs unpack to, because
   * `dpkg-source -x` of these very tarballs made it (an archive import); undefined when not proven.
   */
  unpackedAs?: string
}

/**
 * Produces the orig tarball(s) of `source` `upstreamVersion`: bit-exact from the pristine-tar branch,
 * or from `git archive` of the upstream revision (main tarball under `<source>-<uv>/` without debian/,
 * .github/, .pc/ and the component directories; one tarball per component under `<component>/`). The git
 * archive tarballs are deterministic: same revision, same bytes.
 */
export async function makeOrigTarballs(options: OrigOptions): Promise<OrigResult> {
  const { repo, source, upstreamVersion } = options
  const components = options.components ?? []
  validateNames(source, upstreamVersion, components)
  const outDir = resolve(options.outDir)
  await mkdir(outDir, { recursive: true })
  const stems = [
    `${source}_${upstreamVersion}.orig`,
    ...components.map((c) => `${source}_${upstreamVersion}.orig-${c}`),
  ]

  if (options.mode !== 'git-archive') {
    const ref = options.pristineTarRef ?? 'pristine-tar'
    const data = await findPristineTarballs(repo, ref, stems)
    if (data.missing.length === 0 && data.commit) {
      const files = await pristineTarCheckout(repo, data.commit, data.tarballs, outDir, options.tempDir)
      return { files, method: 'pristine-tar' }
    }
    if (options.mode === 'pristine-tar') {
      const wanted = data.missing.map((stem) => `${stem}.tar.*`).join(', ')
      throw new Error(
        data.commit
          ? `orig-source is pristine-tar, but ${ref} has no data for ${wanted}` +
              (data.available.length > 0 ? ` (it has: ${data.available.join(', ')})` : ' (it is empty)')
          : `orig-source is pristine-tar, but the repository has no ${ref} branch: fetch upstream's ` +
              'pristine-tar branch, or use orig-source git-archive',
      )
    }
  }

  if (!options.upstreamRevision) {
    throw new Error(
      `cannot make the orig tarball of ${source} ${upstreamVersion} with git archive: no upstream revision given`,
    )
  }
  const files = await archiveOrig(
    repo,
    options.upstreamRevision,
    source,
    upstreamVersion,
    components,
    // quilt's state is never source (dpkg-source -x leaves it out): it would only lead patches astray
    options.exclude ?? ['debian', '.github', '.pc'],
    outDir,
  )
  return { files, method: 'git-archive' }
}

function validateNames(source: string, upstreamVersion: string, components: readonly string[]): void {
  if (!/^[a-z0-9][a-z0-9+.-]+$/.test(source))
    throw new Error(`invalid Debian source package name: "${source}"`)
  if (!/^[0-9A-Za-z][0-9A-Za-z.+~-]*$/.test(upstreamVersion)) {
    throw new Error(
      `invalid upstream version for an orig tarball: "${upstreamVersion}" (no epoch, no Debian revision)`,
    )
  }
  for (const component of components) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(component)) {
      throw new Error(`invalid orig component name: "${component}" (letters, digits and '-' only)`)
    }
  }
}
