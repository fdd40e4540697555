import { rename } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { GitRepo } from '../../git/repo.js'
import { run } from '../../process/run.js'
import { archiveOrig } from '../debian/orig-archive.js'
import { withTempDir } from '../debian/temp.js'

export interface SourceTarballRequest {
  repo: GitRepo
  /** The commit whose tree goes into the tarball. */
  revision: string
  /** File name the spec expects (Source0), e.g. `qmail-1.03.tar.gz`. */
  file: string
  /** The top directory %setup enters, e.g. `qmail-1.03`. */
  topDir: string
  /** Top-level paths left out. */
  exclude: readonly string[]
  sourcesDir: string
}

/**
 * Writes Source0 from `git archive` of a commit (deterministic: same commit, same bytes), under
 * the top directory %setup expects, compressed as its name says (.tar.gz/.tgz, .tar.bz2, .tar.xz, .tar).
 */
export async function writeSourceTarball(request: SourceTarballRequest): Promise<string> {
  const compress = compressorFor(request.file)
  // The orig-archive helper names its prefix `<source>-<version>/`: any top directory with a '-' fits.
  const dash = request.topDir.indexOf('-')
  if (dash <= 0 || request.topDir.includes('/')) {
    throw new Error(
      `%setup unpacks into "${request.topDir}", but patch-carrier makes Source0 with a top directory ` +
        'like <name>-<version>: use %setup -n <name>-<version> (or a name with a "-")',
    )
  }
  const target = join(request.sourcesDir, request.file)
  await withTempDir(
    'source0',
    async (dir) => {
      const [made] = await archiveOrig(
        request.repo,
        request.revision,
        request.topDir.slice(0, dash),
        request.topDir.slice(dash + 1),
        [],
        request.exclude,
        dir,
      )
      await rename(await compress(made!), target)
    },
    // beside SOURCES: the rename stays on one file system (the scratch may be a tmpfs)
    dirname(request.sourcesDir),
  )
  return target
}

type Compressor = (tarGz: string) => Promise<string>

function compressorFor(file: string): Compressor {
  const gunzip = async (tarGz: string) => {
    await run('gzip', ['-d', '-f', '--', tarGz])
    return tarGz.replace(/\.gz$/, '')
  }
  const recompress =
    (program: string, args: string[], extension: string): Compressor =>
    async (tarGz) => {
      const tar = await gunzip(tarGz)
      await run(program, [...args, '-f', '--', tar])
      return `${tar}.${extension}`
    }
  if (/\.(tar\.gz|tgz)$/.test(file)) return async (tarGz) => tarGz
  if (/\.tar$/.test(file)) return gunzip
  if (/\.(tar\.bz2|tbz2?)$/.test(file)) return recompress('bzip2', ['-9'], 'bz2')
  if (/\.(tar\.xz|txz)$/.test(file)) return recompress('xz', ['--threads=1'], 'xz')
  throw new Error(`Source0 is ${file}: patch-carrier makes .tar.gz, .tgz, .tar.bz2, .tar.xz or .tar tarballs`)
}

/**
 * Copies a file of a commit's top directory into `dir`, byte for byte; false when the commit lacks it. A
 * symbolic link is followed within the tree (a TreeLinkError names one that leads out of it).
 */
export async function copyCommitFile(
  repo: GitRepo,
  commit: string,
  name: string,
  dir: string,
): Promise<boolean> {
  const entry = await repo.treeEntry(commit, await repo.resolvePath(commit, name))
  if (!entry || !/^100[0-7]{3}$/.test(entry.mode)) return false
  await repo.blobToFile(entry.sha, join(dir, name))
  return true
}
