import type { Host } from '../action/main.js'
import type { Deps, Logger } from '../pipeline/deps.js'
import { runPipeline } from '../pipeline/run-pipeline.js'
import { parseSettings, SettingsError, type InputReader, type Settings } from '../action/settings.js'
import { mapBounded } from './limit.js'
import { matrixOf, type PackageCheck } from './matrix.js'
import { prefixedLogger } from './prefixed-log.js'
import type { Selection } from './select.js'
import { renderChecks } from './summary.js'

/** How many packages are looked up at once (each look-up is two `git ls-remote` and a tiny fetch). */
export const CHECK_CONCURRENCY = 8

/**
 * `mode: check` over the packages of a config file: every package's inputs are validated first (one bad
 * value fails the run naming the package and input), then the look-ups run side by side. Outputs `result`
 * (`update-available` when any package needs an update) and `matrix`; a package whose look-up fails fails
 * the run after the others are reported.
 */
export async function checkPackages(
  selection: Extract<Selection, { kind: 'many' }>,
  env: NodeJS.ProcessEnv,
  host: Host,
  depsFor: (log: Logger) => Deps,
  concurrency = CHECK_CONCURRENCY,
): Promise<PackageCheck[]> {
  const parsed = selection.packages.map((pkg) => ({
    name: pkg.name,
    settings: parseFor(pkg.name, pkg.read, env),
  }))
  const checks = await host.log.group(`Check ${parsed.length} package${parsed.length === 1 ? '' : 's'}`, () =>
    mapBounded(parsed, concurrency, async ({ name, settings }): Promise<PackageCheck> => {
      const started = Date.now()
      try {
        const report = await runPipeline(settings, depsFor(prefixedLogger(host.log, name)))
        return { name, report, ms: Date.now() - started }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        return { name, error: message, ms: Date.now() - started }
      }
    }),
  )
  const matrix = matrixOf(checks)
  host.setOutput('result', matrix.include.length > 0 ? 'update-available' : 'up-to-date')
  host.setOutput('matrix', JSON.stringify(matrix))
  await host.summary(renderChecks(selection.config, checks, matrix))
  const failed = checks.filter((check) => check.error !== undefined)
  if (failed.length > 0) {
    host.fail(failed.map((check) => `Package '${check.name}': ${check.error}`).join('\n'))
  }
  return checks
}

/** Settings of one package; an invalid value names the package and the input. */
function parseFor(name: string, read: InputReader, env: NodeJS.ProcessEnv): Settings {
  try {
    return parseSettings(read, env)
  } catch (error) {
    if (error instanceof SettingsError)
      throw new Error(`Package '${name}': ${error.message}`, { cause: error })
    throw error
  }
}
