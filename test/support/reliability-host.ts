import { join } from 'node:path'
import { main, type Host } from '../../src/action/main.js'
import { inputsFromEnv, parseSettings, type Settings } from '../../src/action/settings.js'
import type { Deps, Logger } from '../../src/pipeline/deps.js'
import { choosePackager } from '../../src/packaging/choose.js'
import { createObsClient, type ObsClient, type ObsClientOptions } from '../../src/obs/index.js'
import type { RunReport } from '../../src/pipeline/report.js'
import { tempDir } from './tmp.js'

/** What an in-process run of main() showed a user: failures, log lines, outputs, the summary. */
export interface HostRun {
  report?: RunReport
  /** Messages passed to fail(): what the job log shows as the error. */
  failures: string[]
  logs: string[]
  outputs: Record<string, string>
  summary: string
  masked: string[]
  /** Everything above in one text, for scans. */
  everything: string
  runnerTemp: string
}

/**
 * Runs main() in this process with a recording host: the same settings parser, pipeline and catch as
 * the action, without bundling and starting node (hostile-input tables run dozens of cases).
 */
export async function runInProcess(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<HostRun> {
  const runnerTemp = await tempDir('pc-inproc-')
  const failures: string[] = []
  const logs: string[] = []
  const outputs: Record<string, string> = {}
  const masked: string[] = []
  let summary = ''
  const host: Host = {
    log: {
      info: (message) => logs.push(message),
      warning: (message) => logs.push(`warning: ${message}`),
      group: async (name, stage) => {
        logs.push(`::group::${name}`)
        return stage()
      },
    },
    mask: (secret) => masked.push(secret),
    setOutput: (name, value) => (outputs[name] = value),
    summary: async (markdown) => void (summary += markdown),
    fail: (message) => failures.push(message),
    annotate: (message, file) => logs.push(`annotation: ${message} ${file ?? ''}`),
  }
  const runEnv: Record<string, string> = {
    RUNNER_TEMP: runnerTemp,
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
    ...env,
  }
  const defaults = { 'output-dir': join(runnerTemp, 'out'), 'work-dir': join(runnerTemp, 'work') }
  const read = (name: string): string =>
    inputsFromEnv(runEnv)(name) || (defaults[name as keyof typeof defaults] ?? '')
  const report = await main(runEnv, read, host)
  return {
    report,
    failures,
    logs,
    outputs,
    summary,
    masked,
    everything: [...failures, ...logs, JSON.stringify(outputs), summary].join('\n'),
    runnerTemp,
  }
}

/** A failure message a person can act on: one clear first line, no stack frames, no secret. */
export function assertUsableFailure(run: HostRun, secrets: readonly string[] = []): string {
  if (run.failures.length !== 1) throw new Error(`expected one failure, got ${JSON.stringify(run.failures)}`)
  const message = run.failures[0]!
  const first = message.split('\n')[0]!.trim()
  if (first.length < 10) throw new Error(`failure message too short to act on: ${JSON.stringify(message)}`)
  if (/^\s+at .+:\d+:\d+\)?$/m.test(message)) throw new Error(`stack frames in the message: ${message}`)
  for (const secret of secrets) if (run.everything.includes(secret)) throw new Error('a secret was shown')
  return message
}

/** Settings parsed from action inputs exactly as main() parses them (for in-process pipeline runs). */
export function settingsFrom(inputs: Record<string, string>, env: Record<string, string> = {}): Settings {
  const runEnv: Record<string, string> = {
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
    ...env,
  }
  return parseSettings(inputsFromEnv(runEnv), runEnv)
}

/** Real pipeline collaborators with a quiet log; `obs` wraps or replaces the OBS client (faults, races). */
export function pipelineDeps(
  obs?: (real: ObsClient, settings: Settings) => ObsClient,
  client: Partial<ObsClientOptions> = {},
): Deps {
  const log: Logger = { info: () => undefined, warning: () => undefined, group: (_name, stage) => stage() }
  return {
    log,
    packagerFor: choosePackager,
    obsFor: (settings) => {
      const real = createObsClient({
        apiUrl: settings.obs.url,
        auth: { user: settings.obs.user ?? '', password: settings.obs.password },
        ...client,
      })
      return obs ? obs(real, settings) : real
    },
  }
}
