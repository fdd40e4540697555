import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../process/run.js'
import { backedUp, wasAbsent } from './gnu-patch.js'

/**
 * The diff a patch made to a tree, rebuilt from GNU patch's backups as `-p1` unified hunks with no fuzz
 * and no offsets: what `quilt refresh` would write for it.
 */
export async function diffFromBackups(tree: string, backups: string): Promise<string> {
  const parts: string[] = []
  for (const path of await backedUp(backups)) {
    const before = (await wasAbsent(join(backups, path))) ? '/dev/null' : join(backups, path)
    const after = (await exists(join(tree, path))) ? join(tree, path) : '/dev/null'
    const labels = [
      before === '/dev/null' ? '/dev/null' : `a/${path}`,
      after === '/dev/null' ? '/dev/null' : `b/${path}`,
    ]
    const result = await run('diff', ['-u', '--label', labels[0]!, '--label', labels[1]!, before, after], {
      okCodes: [0, 1],
      env: { LC_ALL: 'C' },
    })
    if (result.stdout) parts.push(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`)
  }
  return parts.join('')
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}
