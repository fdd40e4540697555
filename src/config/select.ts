import { tmpdir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { SettingsError, type InputReader } from '../action/settings.js'
import type { ConfigFile } from './file.js'
import { packageInputs } from './keys.js'

/** One package's inputs: its config entry over the file's defaults over the step's inputs. */
export interface ConfiguredPackage {
  name: string
  read: InputReader
}

/** What a run works on: the step's own inputs, or packages of a config file. */
export type Selection =
  | { kind: 'one'; read: InputReader }
  /** `mode: check` with a config file: every selected package is checked, a matrix comes out. */
  | { kind: 'many'; config: string; packages: ConfiguredPackage[] }

/**
 * Applies the `config` and `package` inputs. Without `config` the step's inputs are the run's. With it,
 * `check` looks at every package (or the one named by `package`); `sync` and `build` take one entry.
 */
export async function selectPackages(read: InputReader, env: NodeJS.ProcessEnv): Promise<Selection> {
  const path = read('config')
  const wanted = read('package')
  if (!path) {
    if (wanted)
      throw new SettingsError('package', 'selects an entry of a config file: set the config input too')
    return { kind: 'one', read }
  }
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const { loadConfigFile } = await import('./file.js') // the YAML parser, loaded only for a config file
  const file = await loadConfigFile(isAbsolute(path) ? path : resolve(workspace, path), path)
  const names = [...file.packages.keys()]
  if (wanted && !file.packages.has(wanted)) {
    throw new SettingsError('package', `${path} has no package '${wanted}' (it has: ${names.join(', ')})`)
  }
  const chosen = wanted ? [wanted] : names
  const packages = chosen.map((name) => ({ name, read: packageReader(read, env, file, name) }))
  if ((read('mode') || 'sync') === 'check') return { kind: 'many', config: path, packages }
  if (packages.length !== 1) {
    throw new SettingsError(
      'package',
      `is required in mode ${read('mode') || 'sync'}: ${path} lists ${names.length} packages (${names.join(', ')}); ` +
        'run one per matrix job with package: ${{ matrix.package }}',
    )
  }
  return { kind: 'one', read: packages[0]!.read }
}

/**
 * The inputs of one package. A value the file sets wins over the step's (the action's defaults fill every
 * input of the step, so they cannot tell a choice from a default); run inputs always come from the step.
 * Each package gets its own work directory, so checks can run side by side.
 */
export function packageReader(
  read: InputReader,
  env: NodeJS.ProcessEnv,
  file: ConfigFile,
  name: string,
): InputReader {
  const entry = file.packages.get(name) ?? {}
  const fromFile = (input: string): string | undefined =>
    packageInputs.has(input) ? (entry[input] ?? file.defaults[input]) : undefined
  const merged: InputReader = (input) => {
    if (input === 'package') return name
    if (input === 'work-dir') {
      return join(read('work-dir') || join(env.RUNNER_TEMP || tmpdir(), 'patch-carrier-work'), name)
    }
    const value = fromFile(input) ?? read(input)
    // an OBS package is named like the entry unless said otherwise
    if (input === 'obs-package' && !value && merged('obs-project')) return name
    // a fork on this GitHub server is the repository of its pull requests (not the workflow's own)
    if (input === 'repository' && fromFile('repository') === undefined) {
      return repositoryOf(fromFile('remote-url'), env) ?? value
    }
    return value
  }
  return merged
}

/** `owner/name` of a remote URL on this GitHub server (`https://github.com/owner/name.git`). */
function repositoryOf(remoteUrl: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (!remoteUrl) return undefined
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  if (!remoteUrl.startsWith(`${server}/`)) return undefined
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(
    remoteUrl.slice(server.length + 1),
  )
  return match ? `${match[1]}/${match[2]}` : undefined
}
