import { createAuthenticator, type ObsCredentials } from './auth.js'
import { waitForBuilds, type BuildSummary, type WaitRequest } from './builds.js'
import { ensurePackage, readPackage, type PackageRef, type PackageState } from './package.js'
import { publish, type PublishRequest, type PublishResult } from './publish.js'
import { createRedactor } from './redact.js'
import { retryPolicy, type RetryPolicy } from './retry.js'
import { createSshKeygenSigner, type SshSigner } from './ssh-signature.js'
import { createTransport, type FetchLike } from './transport.js'

export interface ObsClientOptions {
  /** OBS API root, e.g. https://api.opensuse.org (no credentials in it). */
  apiUrl: string
  auth: ObsCredentials
  /** HTTP transport; default: the global fetch. */
  fetch?: FetchLike
  retry?: Partial<RetryPolicy>
  /** Receives progress lines; secrets are already removed. */
  log?: (line: string) => void
  /** Backoff and polling waits; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>
  /** Wall clock in ms (signature timestamps, timeouts). */
  now?: () => number
  /** Signs SSH-signature challenges; default: `ssh-keygen -Y sign`, key in a private temp dir. */
  signer?: SshSigner
}

export interface ObsClient {
  /** Commits exactly `files` (+ kept files) as the package's new revision; nothing changed → no revision. */
  publish(request: PublishRequest): Promise<PublishResult>
  /** Creates the package (and with createProject its project) if OBS does not have it. */
  ensurePackage(
    ref: PackageRef,
    options?: { createProject?: boolean; title?: string },
  ): Promise<{ created: boolean }>
  /** The package's latest (or given) revision: files with md5. */
  readPackage(ref: PackageRef, revision?: string): Promise<PackageState>
  /** Polls build results until all are final; throws on failures and on timeout. */
  waitForBuilds(request: WaitRequest): Promise<BuildSummary>
}

export function createObsClient(options: ObsClientOptions): ObsClient {
  const redactor = createRedactor()
  const log = (line: string): void => options.log?.(redactor.redact(line))
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const now = options.now ?? Date.now
  const retry = retryPolicy(options.retry)
  const auth = createAuthenticator(options.auth, {
    signer: options.signer ?? createSshKeygenSigner(),
    now,
    redactor,
  })
  const transport = createTransport({
    apiUrl: options.apiUrl,
    user: options.auth.user,
    auth,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    retry,
    sleep,
    now,
    log,
    redactor,
  })
  const user = options.auth.user
  return {
    publish: (request) => publish({ transport, retry, sleep, log, user }, request),
    ensurePackage: (ref, opts) => ensurePackage(transport, user, ref, opts),
    readPackage: (ref, revision) => readPackage(transport, ref, revision),
    waitForBuilds: (request) => waitForBuilds({ transport, sleep, now, log }, request),
  }
}
