import { rm } from 'node:fs/promises'

const staleLock = /Unable to create '[^']*\.lock': File exists/

/**
 * Runs `work` on the scratch repository `dir`. A run killed in the middle of a git command leaves that
 * command's `*.lock` file behind, and every later git command there fails with "Unable to create
 * '….lock': File exists". `dir` holds nothing that cannot be fetched again: it is removed and `work`
 * runs once more.
 */
export async function retryAfterStaleLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof Error) || !staleLock.test(error.message)) throw error
    await rm(dir, { recursive: true, force: true })
    return work()
  }
}
