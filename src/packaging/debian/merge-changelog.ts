import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../process/run.js'
import { withTempDir } from './temp.js'

/**
 * Three-way merge of debian/changelog with dpkg-mergechangelogs (entries from both sides kept, sorted by
 * version; `-m` so that `~` pre-release entries merge too). `ours` is upstream's new changelog, `theirs`
 * the downstream one. A conflict is a value: the text then holds dpkg-mergechangelogs' conflict markers.
 */
export async function mergeChangelogs(
  base: string,
  ours: string,
  theirs: string,
): Promise<{ text: string; conflict: boolean }> {
  return withTempDir('changelog', async (dir) => {
    const basePath = join(dir, 'base')
    const oursPath = join(dir, 'ours')
    const theirsPath = join(dir, 'theirs')
    const outPath = join(dir, 'merged')
    await writeFile(basePath, base)
    await writeFile(oursPath, ours)
    await writeFile(theirsPath, theirs)
    const result = await run('dpkg-mergechangelogs', ['-m', basePath, oursPath, theirsPath, outPath], {
      okCodes: [0, 1],
      env: { LC_ALL: 'C' },
    })
    return { text: await readFile(outPath, 'utf8'), conflict: result.code === 1 }
  })
}
