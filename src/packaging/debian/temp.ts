import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Runs `use` with a fresh private temporary directory (in `parent`, default the system's temporary
 * directory) and removes it afterwards, whatever happens.
 */
export async function withTempDir<T>(
  prefix: string,
  use: (dir: string) => Promise<T>,
  parent = tmpdir(),
): Promise<T> {
  const dir = await mkdtemp(join(parent, `patch-carrier-${prefix}-`))
  try {
    return await use(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
