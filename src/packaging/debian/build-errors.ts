import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { attributesAt, type ArchiveAttributes } from './archive-attributes.js'
import type { SourceBuildResult } from './dpkg-source.js'
import { patchTargets } from './quilt-inputs.js'

type Refusal = Exclude<SourceBuildResult, { kind: 'built' }>

/**
 * The error for a tree dpkg-source refused, in words: the patch or the files, dpkg-source's own output,
 * and, where upstream's .gitattributes make the orig tarball differ from git, which files and why.
 */
export async function sourceBuildError(
  refused: Refusal,
  treeDir: string,
  attributes?: ArchiveAttributes,
): Promise<Error> {
  const fix =
    'leave these files as upstream has them, or build on upstream’s own tarball (orig-source pristine-tar)'
  if (refused.kind === 'patch-failed') {
    const text = await readFile(join(treeDir, 'debian', 'patches', refused.patch), 'utf8').catch(() => '')
    const where = attributesAt(attributes, patchTargets(text))
    return new Error(
      `dpkg-source: patch ${refused.patch} does not apply to the orig tarball` +
        (where ? `; upstream's .gitattributes set ${where}: ${fix}` : '') +
        `:\n${refused.output}`,
    )
  }
  const where = attributesAt(attributes, refused.files)
  return new Error(
    `dpkg-source: the tree differs from the orig tarball outside debian/ where no quilt patch says so` +
      (refused.files.length > 0 ? ` (${refused.files.join(', ')})` : '') +
      (where ? `; upstream's .gitattributes set ${where}: ${fix}` : '') +
      `:\n${refused.output}`,
  )
}
