import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { GitRepo } from '../../git/repo.js'
import { CommandError, run } from '../../process/run.js'
import { withTempDir } from './temp.js'

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
  /** Top-level paths left out of the main tarball besides the components (default `debian`, `.github`). */
  exclude?: readonly string[]
}

export interface OrigResult {
  /** Absolute paths: the main tarball first, then one per component in the order given. */
  files: string[]
  method: 'pristine-tar' | 'git-archive'
}

const COMPRESSIONS = ['gz', 'xz', 'bz2', 'lzma', 'zst']

/**
 * Produces the orig tarball(s) of `source` `upstreamVersion`: bit-exact from the pristine-tar branch,
 * or from `git archive` of the upstream revision (main tarball under `<source>-<uv>/` without debian/,
 * .github/ and the component directories; one tarball per component under `<component>/`). The git
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
      const files = await pristineTarCheckout(repo, data.commit, data.tarballs, outDir)
      return { files, method: 'pristine-tar' }
    }
    if (options.mode === 'pristine-tar') {
      const wanted = data.missing.map((stem) => `${stem}.tar.*`).join(', ')
      throw new Error(
        data.commit
          ? `orig-source is pristine-tar, but ${ref} holds no pristine-tar data for ${wanted}` +
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
    options.exclude ?? ['debian', '.github'],
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

interface PristineData {
  /** Commit of the pristine-tar branch, when the ref exists. */
  commit: string | undefined
  /** Tarball file names found, one per wanted stem (in order). */
  tarballs: string[]
  /** Stems with no data. */
  missing: string[]
  /** Every tarball the branch has data for. */
  available: string[]
}

/** Which of the wanted tarballs (`<stem>.tar.<compression>`) the pristine-tar branch can regenerate. */
async function findPristineTarballs(
  repo: GitRepo,
  ref: string,
  stems: readonly string[],
): Promise<PristineData> {
  const commit = await repo.resolve(`${ref}^{commit}`)
  if (!commit) return { commit, tarballs: [], missing: [...stems], available: [] }
  const names = new Set(await repo.listTree(commit))
  const available = [...names].filter(
    (name) => name.endsWith('.id') && names.has(name.replace(/\.id$/, '.delta')),
  )
  const tarballs: string[] = []
  const missing: string[] = []
  for (const stem of stems) {
    const found = COMPRESSIONS.map((ext) => `${stem}.tar.${ext}`).find((name) =>
      available.includes(`${name}.id`),
    )
    if (found) tarballs.push(found)
    else missing.push(stem)
  }
  return { commit, tarballs, missing, available: available.map((name) => name.replace(/\.id$/, '')) }
}

/**
 * Runs `pristine-tar checkout` for each tarball. pristine-tar reads a branch named `pristine-tar`
 * (and gives up on several remote ones), so it runs in a throw-away bare repository that borrows the
 * objects of `repo` (alternates) and whose `pristine-tar` branch is the given commit: the repository's
 * own refs are not touched.
 */
async function pristineTarCheckout(
  repo: GitRepo,
  commit: string,
  tarballs: readonly string[],
  outDir: string,
): Promise<string[]> {
  const objects = await repo.read(['rev-parse', '--path-format=absolute', '--git-path', 'objects'])
  return withTempDir('pristine-tar', async (tmp) => {
    const gitDir = join(tmp, 'repo.git')
    await mkdir(gitDir)
    const scratch = new GitRepo(gitDir)
    await scratch.exec(['init', '--quiet', '--bare'])
    await writeFile(join(gitDir, 'objects', 'info', 'alternates'), `${objects}\n`)
    await scratch.exec(['update-ref', 'refs/heads/pristine-tar', commit])
    const files: string[] = []
    for (const tarball of tarballs) {
      const target = join(outDir, tarball)
      await rm(target, { force: true })
      try {
        // GIT_DIR: pristine-tar cannot tell the VCS of a bare repository otherwise.
        await run('pristine-tar', ['checkout', target], { cwd: tmp, env: { GIT_DIR: gitDir, TMPDIR: tmp } })
      } catch (error) {
        if (!(error instanceof CommandError)) throw error
        throw new Error(
          `pristine-tar could not regenerate ${tarball} (is the upstream commit it was made from fetched?): ${error.message}`,
          { cause: error },
        )
      }
      files.push(target)
    }
    return files
  })
}

/** Deterministic gzip'd `git archive` tarballs: the main one and one per component. */
async function archiveOrig(
  repo: GitRepo,
  revision: string,
  source: string,
  upstreamVersion: string,
  components: readonly string[],
  exclude: readonly string[],
  outDir: string,
): Promise<string[]> {
  // A commit, not a tree: git archive stamps the entries with the commit time (a tree would get "now").
  const commit = await repo.resolve(`${revision}^{commit}`)
  if (!commit)
    throw new Error(`upstream revision ${revision} is not a commit in ${repo.gitDir}: fetch it first`)
  for (const component of components) {
    const type = await repo.exec(['cat-file', '-t', `${commit}:${component}`], { okCodes: [0, 128] })
    if (type.stdout.trim() !== 'tree') {
      throw new Error(
        `orig component ${component}: the upstream tree of ${revision} has no directory ${component}/`,
      )
    }
  }
  const stem = `${source}_${upstreamVersion}.orig`
  const excluded = [...exclude, ...components].map((path) => `:(top,literal,exclude)${path}`)
  const files = [
    await archive(repo, join(outDir, `${stem}.tar`), [
      `--prefix=${source}-${upstreamVersion}/`,
      commit,
      '--',
      ':/',
      ...excluded,
    ]),
  ]
  for (const component of components) {
    files.push(
      await archive(repo, join(outDir, `${stem}-${component}.tar`), [
        commit,
        '--',
        `:(top,literal)${component}`,
      ]),
    )
  }
  return files
}

async function archive(repo: GitRepo, tarPath: string, args: readonly string[]): Promise<string> {
  await repo.archiveToFile(tarPath, ['--format=tar', ...args])
  // -n: no name or timestamp in the gzip header, so the bytes depend on the content only.
  await run('gzip', ['-n', '-9', '-f', '--', tarPath])
  return `${tarPath}.gz`
}
