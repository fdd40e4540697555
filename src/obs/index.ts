export { createObsClient, type ObsClient, type ObsClientOptions } from './client.js'
export type { ObsCredentials } from './auth.js'
export type { BuildStatus, BuildSummary, WaitRequest } from './builds.js'
export type { Upload } from './commit.js'
export {
  ObsAuthError,
  ObsBuildError,
  ObsConcurrentCommitError,
  ObsError,
  ObsHttpError,
  ObsTransientError,
} from './errors.js'
export type { PublishFile } from './files.js'
export { defaultKeep } from './keep.js'
export type { PackageRef, PackageState, RemoteFile } from './package.js'
export type { PublishRequest, PublishResult } from './publish.js'
export type { RetryPolicy } from './retry.js'
export { createSshKeygenSigner, type SshSigner } from './ssh-signature.js'
export type { FetchLike } from './transport.js'
