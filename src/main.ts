import * as core from '@actions/core'
import { inputsFromEnv, parseSettings, type InputReader } from './settings.js'
import { runPipeline } from './pipeline/run-pipeline.js'
import type { Deps, Logger } from './pipeline/deps.js'
import { outputsOf } from './outputs.js'
import { renderSummary } from './summary.js'
import { choosePackager } from './packaging/choose.js'
import type { RunReport } from './pipeline/report.js'

const secretInputs = ['github-token', 'obs-password', 'obs-ssh-key']

/** The action's log: GitHub log groups with durations, warnings as annotations. */
export const actionsLogger: Logger = {
  info: (message) => core.info(message),
  warning: (message, file) => core.warning(message, file ? { file } : {}),
  group: async (name, stage) => {
    const started = Date.now()
    core.startGroup(name)
    try {
      return await stage()
    } finally {
      core.info(`${name}: ${((Date.now() - started) / 1000).toFixed(2)} s`)
      core.endGroup()
    }
  },
}

/** Settings → pipeline → outputs and summary; every failure ends in one setFailed. */
export async function main(env: NodeJS.ProcessEnv = process.env, read: InputReader = inputsFromEnv(env)): Promise<RunReport | undefined> {
  try {
    // Masked before anything else runs, so no later message can reveal them.
    for (const name of secretInputs) maskSecret(read(name))
    const settings = parseSettings(read, env)
    const deps: Deps = { log: actionsLogger, packagerFor: choosePackager }
    const report = await runPipeline(settings, deps)
    for (const [name, value] of Object.entries(outputsOf(report))) core.setOutput(name, value)
    annotate(report)
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderSummary(report), true).write()
    else core.info(renderSummary(report))
    if (report.result === 'conflict' && settings.conflict === 'fail') {
      core.setFailed(`The rebase onto ${report.upstreamTag} conflicts (conflict: fail); see the job summary`)
    }
    return report
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : `Unexpected failure: ${String(error)}`)
    if (error instanceof Error && error.stack && process.env.RUNNER_DEBUG === '1') core.debug(error.stack)
    return undefined
  }
}

function maskSecret(value: string): void {
  if (!value) return
  core.setSecret(value)
  // Multi-line secrets (SSH keys) are masked line by line too, as logs may split them.
  for (const line of value.split('\n')) if (line.trim().length > 8) core.setSecret(line.trim())
}

function annotate(report: RunReport): void {
  if (!report.conflict) return
  const failed = report.conflict.failed
  const what = failed.kind === 'commit' ? `commit ${failed.commit.sha.slice(0, 12)} (${failed.commit.subject})` : `patch ${failed.name}`
  for (const file of report.conflict.files) {
    core.warning(`Rebase onto ${report.upstreamTag}: ${what} conflicts here`, { file: file.path, title: 'patch-carrier conflict' })
  }
  if (report.conflict.files.length === 0) core.warning(`Rebase onto ${report.upstreamTag}: ${what} does not apply`)
}
