import { run, type RunResult } from '../../src/process/run.js'
import { tempDir } from './tmp.js'
import { bundleEntry } from './action.js'

/** Runs the bundled CLI on a maintainer's machine: no runner variables, output on the terminal. */
export async function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<RunResult> {
  const script = await bundleEntry('cli')
  return run('node', [script, ...args], {
    okCodes: [0, 1, 2],
    env: {
      RUNNER_TEMP: await tempDir('pc-cli-'),
      GITHUB_OUTPUT: undefined,
      GITHUB_STEP_SUMMARY: undefined,
      GITHUB_REPOSITORY: undefined,
      GITHUB_API_URL: undefined,
      GITHUB_SERVER_URL: undefined,
      ...env,
    },
  })
}
