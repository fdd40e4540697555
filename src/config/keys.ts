import { inputNames, runSetupInputs, secretInputs } from '../action/inputs.js'

/** Inputs that describe the run, not a package. */
const runInputs: ReadonlySet<string> = new Set(['mode', 'upstream-tag', ...runSetupInputs])

/**
 * Which action inputs a package entry of the config file may set. The file describes packages (where
 * they come from, how they are versioned and published); the step's inputs describe the run (mode, dry
 * run, an explicit tag, secrets, directories) and cannot be set per package.
 */
export const packageInputs: ReadonlySet<string> = new Set(
  inputNames.filter((name) => !runInputs.has(name) && !secretInputs.has(name)),
)

export { secretInputs }

/** A package name: a matrix value, a directory name, an OBS package name by default. */
export const packageName = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/
