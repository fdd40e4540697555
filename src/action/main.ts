import * as core from '@actions/core'
import { secretInputs } from './inputs.js'
import { basicAuthValue } from '../github/git-auth.js'
import { inputsFromEnv, parseSettings, type InputReader } from './settings.js'
import { runPipeline } from '../pipeline/run-pipeline.js'
import { PublishedNotPushedError } from '../pipeline/ship.js'
import type { Deps, Logger } from '../pipeline/deps.js'
import { outputsOf } from './outputs.js'
import { renderSummary } from '../report/summary.js'
import { choosePackager } from '../packaging/choose.js'
import { createObsClient } from '../obs/index.js'
import type { RunReport } from '../pipeline/report.js'
import { describeFailure } from './failure.js'
import { selectPackages } from '../config/select.js'
import { checkPackages } from '../config/check-many.js'
import { openCache } from '../cache/session.js'
import { summaryContext } from '../report/links.js'

/** Where a run's results go: the Actions runner, or a terminal for the CLI. */
export interface Host {
  log: Logger
  mask(secret: string): void
  setOutput(name: string, value: string): void
  summary(markdown: string): Promise<void>
  /** Marks the run failed (non-zero exit). */
  fail(message: string): void
  /** A warning annotation on a file of the fork. */
  annotate(message: string, file?: string): void
}

/** The Actions runner: log groups with durations, annotations, $GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY. */
export const actionsHost: Host = {
  log: {
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
  },
  mask: (secret) => core.setSecret(secret),
  setOutput: (name, value) => core.setOutput(name, value),
  summary: async (markdown) => {
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write()
    else core.info(markdown)
  },
  fail: (message) => core.setFailed(message),
  annotate: (message, file) => core.warning(message, { title: 'patch-carrier', ...(file ? { file } : {}) }),
}

/** Settings → pipeline → outputs and summary; every failure ends in one fail(). */
export async function main(
  env: NodeJS.ProcessEnv = process.env,
  read: InputReader = inputsFromEnv(env),
  host: Host = actionsHost,
): Promise<RunReport | undefined> {
  try {
    // Masked before anything else runs, so no later message can reveal them.
    for (const name of secretInputs) maskSecret(host, read(name))
    // the form git's auth header carries the token in
    if (read('github-token')) host.mask(basicAuthValue(read('github-token')))
    // A config file of several packages: `check` looks at all of them and writes the matrix.
    const selection = await selectPackages(read, env)
    if (selection.kind === 'many') {
      await checkPackages(selection, env, host, pipelineDeps)
      return undefined
    }
    const settings = parseSettings(selection.read, env)
    // the form OBS's Basic auth header carries the password in (obs-user may come from a config file)
    if (settings.obs.user && settings.obs.password)
      host.mask(Buffer.from(`${settings.obs.user}:${settings.obs.password}`).toString('base64'))
    const cache = openCache(settings, env, host.log)
    const deps: Deps = { ...pipelineDeps(host.log), cache }
    let report: RunReport
    try {
      report = await runPipeline(settings, deps)
    } catch (error) {
      // published to OBS, fork not updated: the outputs and the summary say so, then the run fails
      if (!(error instanceof PublishedNotPushedError)) throw error
      report = error.report
    } finally {
      await cache?.save() // best-effort: never throws
    }
    for (const [name, value] of Object.entries(outputsOf(report))) host.setOutput(name, value)
    annotate(host, report)
    await host.summary(renderSummary(report, summaryContext(settings, report)))
    if (report.result === 'conflict' && settings.conflict === 'fail') {
      const what = report.mode === 'backport' ? 'The backport of' : 'The rebase onto'
      host.fail(`${what} ${report.upstreamTag} conflicts (conflict: fail); see the job summary`)
    }
    if (report.notPushed) host.fail(report.notPushed)
    return report
  } catch (error) {
    const failure = describeFailure(error)
    if (failure.stack) host.log.info(failure.stack)
    host.fail(failure.message)
    return undefined
  }
}

/** The pipeline's real collaborators, logging to `log`. */
function pipelineDeps(log: Logger): Deps {
  return {
    log,
    packagerFor: choosePackager,
    obsFor: (s) =>
      createObsClient({
        apiUrl: s.obs.url,
        auth: { user: s.obs.user ?? '', password: s.obs.password, sshKey: s.obs.sshKey },
        log: (line) => log.info(line),
      }),
  }
}

function maskSecret(host: Host, value: string): void {
  if (!value) return
  host.mask(value)
  // Multi-line secrets (SSH keys) are masked line by line too, as logs may split them.
  const lines = value.split('\n').map((line) => line.trim())
  if (lines.length > 1) for (const line of lines) if (line.length > 8) host.mask(line)
}

function annotate(host: Host, report: RunReport): void {
  if (!report.conflict) return
  const failed = report.conflict.failed
  const what =
    failed.kind === 'commit'
      ? `commit ${failed.commit.sha.slice(0, 12)} (${failed.commit.subject})`
      : `patch ${failed.name}`
  const run = `${report.mode === 'backport' ? 'Backport of' : 'Rebase onto'} ${report.upstreamTag}`
  for (const file of report.conflict.files) host.annotate(`${run}: ${what} conflicts here`, file.path)
  if (report.conflict.files.length === 0) host.annotate(`${run}: ${what} does not apply`)
}
