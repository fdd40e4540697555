import { build } from 'esbuild'
import { join } from 'node:path'
import { run, type RunResult } from '../../src/process/run.js'
import { tempDir } from './tmp.js'

let bundled: Promise<string> | undefined

/** Bundles src/cli.ts once per test file, as `npm run package` bundles dist/cli.js. */
function bundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = await tempDir('pc-cli-bundle-')
    await build({
      entryPoints: { cli: 'src/cli.ts' },
      outdir: dir,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      banner: {
        js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
      },
      logLevel: 'error',
    })
    return join(dir, 'cli.js')
  })()
  return bundled
}

/** Runs the bundled CLI on a maintainer's machine: no runner variables, output on the terminal. */
export async function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<RunResult> {
  const script = await bundle()
  return run('node', [script, ...args], {
    okCodes: [0, 1, 2],
    env: {
      RUNNER_TEMP: await tempDir('pc-cli-'),
      GITHUB_OUTPUT: undefined,
      GITHUB_STEP_SUMMARY: undefined,
      GITHUB_REPOSITORY: undefined,
      GITHUB_API_URL: undefined,
      ...env,
    },
  })
}
