/**
 * Which action inputs a package entry of the config file may set. The file describes packages (where
 * they come from, how they are versioned and published); the step's inputs describe the run (mode, dry
 * run, an explicit tag, secrets, directories) and cannot be set per package.
 */
export const packageInputs: ReadonlySet<string> = new Set([
  'repository',
  'remote-url',
  'branch',
  'upstream-url',
  'upstream-tags',
  'upstream-signing-key',
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
  'obs-keep',
  'obs-create',
  'obs-wait',
  'obs-wait-timeout',
  'conflict',
  'review',
])

export { secretInputs } from '../inputs.js'

/** A package name: a matrix value, a directory name, an OBS package name by default. */
export const packageName = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/
