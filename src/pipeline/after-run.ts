import type { Logger } from './deps.js'

/** What a run started alongside its stages, and what it holds until it ends. */
export interface AfterRun {
  /** Work started alongside a stage (the orig tarballs): waited for on every way out, error or not. */
  background: Promise<unknown>[]
  /** What the run holds (a scratch directory in memory): released once the background work is done. */
  release: (() => Promise<void>)[]
}

/**
 * Waits for the background work and releases what the run holds. Neither may hide the run's own outcome,
 * so a failure here is a warning that says what failed, never an error and never silence.
 */
export async function endRun(after: AfterRun, log: Logger): Promise<void> {
  for (const settled of await Promise.allSettled(after.background)) {
    if (settled.status === 'rejected')
      log.warning(`Work started alongside the run failed: ${reason(settled.reason)}`)
  }
  for (const release of after.release) {
    await release().catch((error: unknown) =>
      log.warning(`Releasing the build scratch failed (remove it by hand): ${reason(error)}`),
    )
  }
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error))
