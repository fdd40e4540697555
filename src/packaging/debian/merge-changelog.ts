import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../process/run.js'
import { parseChangelog } from './changelog.js'
import { withTempDir } from './temp.js'

/**
 * Three-way merge of debian/changelog with dpkg-mergechangelogs (entries from both sides kept, sorted by
 * version; with `-m`, versions that differ only after their last `~` count as one entry). `ours` is upstream's new changelog, `theirs`
 * the downstream one. A conflict is a value: the text then holds dpkg-mergechangelogs' conflict markers
 * (bare `<<<<<<<`, `=======`, `>>>>>>>` lines). A side whose top entry does not parse is an Error.
 */
export async function mergeChangelogs(
  base: string,
  ours: string,
  theirs: string,
): Promise<{ text: string; conflict: boolean }> {
  // dpkg-mergechangelogs drops what it cannot parse, with a warning and exit 0: refuse instead.
  for (const [side, text] of [
    ['upstream', ours],
    ['downstream', theirs],
  ] as const) {
    if (!text.trim()) continue
    try {
      parseChangelog(text)
    } catch (error) {
      throw new Error(`cannot merge the ${side} debian/changelog: ${(error as Error).message}`, {
        cause: error,
      })
    }
  }
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
