/** Inputs that set up the run (directories, dry run, which config entry, the cache): never per package. */
export const runSetupInputs = [
  'output-dir',
  'work-dir',
  'dry-run',
  'config',
  'package',
  'cache',
  'cache-dir',
  'scratch-in-memory',
] as const

/** Every input of the action (action.yml declares exactly these; a test keeps the two equal). */
export const inputNames = [
  'mode',
  'repository',
  'remote-url',
  'branch',
  'upstream-url',
  'upstream-tags',
  'upstream-tag',
  'backport-from',
  'upstream-signing-key',
  'upstream-archive',
  'upstream-suites',
  'upstream-package',
  'archive-keyring',
  'downstream-base',
  'version-order',
  'packaging',
  'version-suffix',
  'orig-source',
  'orig-components',
  'maintainer',
  'distribution',
  'obs-url',
  'obs-project',
  'obs-package',
  'obs-user',
  'obs-password',
  'obs-ssh-key',
  'obs-keep',
  'obs-create',
  'obs-wait',
  'obs-wait-timeout',
  'github-token',
  'conflict',
  'review',
  ...runSetupInputs,
] as const

/** Inputs that take true/false, so a CLI flag may stand alone. */
export const booleanInputs: ReadonlySet<string> = new Set([
  'dry-run',
  'obs-create',
  'obs-wait',
  'cache',
  'scratch-in-memory',
])

/** Inputs that hold a URL: never with credentials in it, from a step or a config file. */
export const urlInputs: ReadonlySet<string> = new Set([
  'remote-url',
  'upstream-url',
  'upstream-archive',
  'obs-url',
])

/** Inputs that hold secrets: masked before anything runs, refused in a config file. */
export const secretInputs: ReadonlySet<string> = new Set(['github-token', 'obs-password', 'obs-ssh-key'])
