import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

const made: string[] = []
let registered = false

/** A fresh temporary directory, removed when the test file finishes. */
export async function tempDir(prefix = 'pc-test-'): Promise<string> {
  if (!registered) {
    registered = true
    afterAll(async () => {
      if (process.env.KEEP_TEST_DIRS) return
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
    })
  }
  const dir = await mkdtemp(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}
