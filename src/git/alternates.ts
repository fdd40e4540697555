import { appendFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Lets a repository use another one's objects, as `git clone --reference` does: git reads them through
 * `objects/info/alternates`, and a fetch offers the other repository's refs as what it already has, so
 * the server sends only the objects that are new since.
 */
export async function borrowObjects(gitDir: string, fromRepo: string): Promise<void> {
  await mkdir(join(gitDir, 'objects', 'info'), { recursive: true })
  await appendFile(join(gitDir, 'objects', 'info', 'alternates'), `${join(fromRepo, 'objects')}\n`)
}
