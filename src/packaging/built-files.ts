import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import type { BuiltFile } from '../pipeline/report.js'

/** Size and sha256 of each built file, for the outputs, the summary and the OBS commit message. */
export async function describeFiles(paths: readonly string[]): Promise<BuiltFile[]> {
  return Promise.all(
    paths.map(async (path) => ({
      path,
      size: (await stat(path)).size,
      sha256: createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    })),
  )
}
