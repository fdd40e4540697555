import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { tempDir } from './tmp.js'

let bundled: Promise<string> | undefined

/** Bundles the action and the CLI once per test file with `npm run package`'s script, into a temp directory. */
export async function bundleEntry(entry: 'index' | 'cli'): Promise<string> {
  bundled ??= (async () => {
    const dir = join(await tempDir('pc-bundle-'), 'dist')
    await run('node', ['scripts/package.mjs', dir])
    return dir
  })()
  return join(await bundled, `${entry}.js`)
}

/** The bundled action, so tests run the shipped form. */
export const bundle = (): Promise<string> => bundleEntry('index')

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** The job summary as a person reads it (Markdown escapes removed). */
  summary: string
  /** The job summary as written. */
  summaryMarkdown: string
  /** Every byte the run printed or wrote (for secret scans). */
  everything: string
}

/** Parses $GITHUB_OUTPUT: `name<<DELIM\nvalue\nDELIM` blocks (and plain `name=value`). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]!)
      outputs[heredoc[1]!] = value.join('\n')
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return outputs
}

/**
 * Runs the bundled action as a runner would: INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY.
 * `script` runs another bundle, such as the committed dist/index.js.
 */
export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  script?: string,
): Promise<ActionRun> {
  script ??= await bundle()
  const dir = await tempDir('pc-run-')
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  )
  const result = await run('node', [script], {
    okCodes: [0, 1],
    env: {
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: dir,
      GITHUB_REPOSITORY: undefined,
      GITHUB_API_URL: undefined,
      GITHUB_SERVER_URL: undefined,
      ...inputEnv,
      ...env,
    },
  })
  const outputText = await readFile(outputFile, 'utf8')
  const summaryMarkdown = await readFile(summaryFile, 'utf8')
  const summary = summaryMarkdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u2060/g, '')
  return {
    ...result,
    outputs: parseOutputFile(outputText),
    summary,
    summaryMarkdown,
    everything: [result.stdout, result.stderr, outputText, summaryMarkdown].join('\n'),
  }
}
