import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const made: string[] = []

/** Removes every directory tempDir() made (the demo calls it; under vitest it runs after each file). */
export async function removeTempDirs(): Promise<void> {
  if (process.env.KEEP_TEST_DIRS) return
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
}

/** A fresh temporary directory, removed when the test file (or the demo) finishes. */
export async function tempDir(prefix = 'pc-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

// Registered while the test file is collected, so it runs once after all of the file's tests.
if (process.env.VITEST) {
  const { afterAll } = await import('vitest')
  afterAll(removeTempDirs)
}
