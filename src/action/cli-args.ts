import { booleanInputs, inputNames } from './inputs.js'

/** Inputs the CLI accepts as --flags: every action input but `mode`, which is the command. */
export const cliInputs = inputNames.filter((name) => name !== 'mode')

export const usage = `Usage: patch-carrier <sync|build|check|backport> [--input value …]

Runs the action on this machine: each --flag is the action input of the same name,
parsed and validated by the same settings parser. INPUT_<NAME> variables work too.

  patch-carrier check --remote-url URL --upstream-url URL --upstream-tags 'debian/*'
  patch-carrier sync  --remote-url URL --upstream-url URL --dry-run
  patch-carrier check --config .github/patch-carrier.yml       (every package; prints matrix=…)
  patch-carrier sync  --config .github/patch-carrier.yml --package dovecot --dry-run
  patch-carrier backport --remote-url URL --upstream-url URL --upstream-tags 'debian/1%2.3.19.1*' \\
                --backport-from 1:2.3.19.1+dfsg1-2.1 --dry-run      (a pinned fork: port new patches)

--dry-run prints the plan: the refs it would push, the files it would upload to OBS with
their sizes, and the pull request it would open. --cache-dir DIR keeps upstream objects
and orig tarballs between runs on this machine.

Inputs: ${cliInputs.map((name) => `--${name}`).join(', ')}
Secrets are better passed as INPUT_GITHUB-TOKEN / INPUT_OBS-PASSWORD variables than as flags.
`

export type CliParse =
  { kind: 'run'; inputs: Map<string, string> } | { kind: 'help' } | { kind: 'error'; message: string }

/** Parses `mode --flag value --flag=value --dry-run` into action inputs. */
export function parseCli(args: readonly string[]): CliParse {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) return { kind: 'help' }
  const [mode, ...rest] = args
  if (!['sync', 'build', 'check', 'backport'].includes(mode!))
    return { kind: 'error', message: `unknown command ${JSON.stringify(mode)}` }
  const inputs = new Map<string, string>([['mode', mode!]])
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (!arg.startsWith('--')) return { kind: 'error', message: `unexpected argument ${JSON.stringify(arg)}` }
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq > 0 ? eq : undefined)
    if (!(cliInputs as readonly string[]).includes(name))
      return { kind: 'error', message: `unknown option --${name}` }
    if (eq > 0) inputs.set(name, arg.slice(eq + 1))
    else if (booleanInputs.has(name) && (rest[i + 1] === undefined || rest[i + 1]!.startsWith('--')))
      inputs.set(name, 'true')
    else if (rest[i + 1] === undefined) return { kind: 'error', message: `--${name} needs a value` }
    else inputs.set(name, rest[++i]!)
  }
  return { kind: 'run', inputs }
}
