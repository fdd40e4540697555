import type { BuildStatus } from './builds.js'

/** Any failure talking to OBS; messages are redacted and never carry credentials. */
export class ObsError extends Error {
  override name = 'ObsError'
}

/** OBS answered with an HTTP error status (after any retries). */
export class ObsHttpError extends ObsError {
  override name = 'ObsHttpError'

  constructor(
    message: string,
    readonly status: number,
    /** The server's own words (`<status><summary>`), redacted. */
    readonly summary: string,
  ) {
    super(message)
  }
}

/** A build finished as failed/unresolvable/broken, or did not finish in time. */
export class ObsBuildError extends ObsError {
  override name = 'ObsBuildError'

  constructor(
    message: string,
    readonly results: readonly BuildStatus[],
  ) {
    super(message)
  }
}

/** A timeout, dropped connection or 5xx that persisted through every allowed attempt. */
export class ObsTransientError extends ObsError {
  override name = 'ObsTransientError'
}

/** OBS rejected the credentials (401), or the configured credentials cannot answer its challenge. */
export class ObsAuthError extends ObsError {
  override name = 'ObsAuthError'
}

/** Someone else committed to the package while we were committing, more often than we retry. */
export class ObsConcurrentCommitError extends ObsError {
  override name = 'ObsConcurrentCommitError'
}
