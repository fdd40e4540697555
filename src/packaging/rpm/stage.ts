import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitRepo } from '../../git/repo.js'
import { querySpec, type SpecEntry, type SpecInfo } from './spec-info.js'
import { copyCommitFile, writeSourceTarball } from './sources.js'
import { makeTopdir, type Topdir } from './topdir.js'

/** A spec written into a fresh rpmbuild topdir, with what rpm reads from it. */
export interface StagedSpec {
  topdir: Topdir
  specPath: string
  info: SpecInfo
}

/** Never source: the fork's CI configuration. */
export const ALWAYS_EXCLUDED = ['.github']

export async function stageSpec(dir: string, specName: string, text: string): Promise<StagedSpec> {
  const topdir = await makeTopdir(dir)
  const specPath = join(topdir.specs, specName)
  await writeFile(specPath, text)
  return { topdir, specPath, info: await querySpec(specPath, topdir.defines) }
}

/** The spec, Source and Patch files: the fork's packaging, which is not upstream source. */
export function packagingFiles(specName: string, info: SpecInfo): string[] {
  return [...new Set([specName, ...[...info.sources, ...info.patches].map((entry) => entry.file)])]
}

/**
 * Puts the sources into SOURCES: Source0 made from `tarball.revision` (git archive), every other
 * Source and every Patch copied from the top directory of `head`. Returns their paths, Source0 first.
 */
export async function stageSources(
  repo: GitRepo,
  head: string,
  staged: StagedSpec,
  tarball: { revision: string; exclude: readonly string[] },
): Promise<string[]> {
  const { info, topdir } = staged
  const source0 = info.sources.find((entry) => entry.number === 0)
  if (!source0)
    throw new Error('the spec has no Source0 (or Source:) tag: patch-carrier makes it from upstream')
  if (info.setupCreatesDir) {
    throw new Error(
      '%setup -c expects a tarball without a top directory: patch-carrier makes Source0 with one',
    )
  }
  const files = [
    await writeSourceTarball({
      repo,
      revision: tarball.revision,
      file: checkedName(source0, 'Source'),
      topDir: info.setupDir ?? `${info.name}-${info.version}`,
      exclude: tarball.exclude,
      sourcesDir: topdir.sources,
    }),
  ]
  const others = [
    ...info.sources.filter((entry) => entry !== source0).map((entry) => ({ entry, tag: 'Source' })),
    ...info.patches.map((entry) => ({ entry, tag: 'Patch' })),
  ]
  for (const { entry, tag } of others) {
    const name = checkedName(entry, tag)
    if (!(await copyCommitFile(repo, head, name, topdir.sources))) {
      throw new Error(
        `${tag}${entry.number} (${name}) is not in the top directory of ${head.slice(0, 12)}: commit it beside ` +
          'the spec (patch-carrier downloads nothing)',
      )
    }
    files.push(join(topdir.sources, name))
  }
  return files
}

function checkedName(entry: SpecEntry, tag: string): string {
  if (!entry.file || entry.file === '.' || entry.file === '..') {
    throw new Error(`${tag}${entry.number}: "${entry.value}" names no file`)
  }
  return entry.file
}
