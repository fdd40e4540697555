import type { GitRepo } from '../../git/repo.js'
import { createPullRequests } from '../../github/pulls.js'
import type { PullRequests } from '../../github/types.js'
import type { Packager } from '../../packaging/packager.js'
import type { Settings } from '../../action/settings.js'
import type { Logger } from '../deps.js'
import type { Discovery } from '../discover.js'
import type { RunReport } from '../report.js'
import type { CarrierContext } from './context.js'
import { decideSync } from './decide.js'
import { fetchCarrierBranches } from './fetch-branches.js'
import { retire, retirePlan } from './retire.js'
import type { SyncStep } from './steps.js'
import { stopRun, type StopStep } from './stop.js'
import { readPullRequests, relevantCarriers } from './survey.js'

/** The pull request side of a sync run: conflicts, reviews, adoption of a person's resolution. */
export interface Carrier {
  /** The fork has patch-carrier branches for this run's tags: even an up-to-date run looks at them. */
  readonly active: boolean
  /** Decides what the run does with the branch (rebase, adopt, carry over) in the work repository. */
  rebase(repo: GitRepo, packager: Packager, report: RunReport): Promise<SyncStep>
  /** Carries out a step that ends the run before the build: a pull request, a comment, a clean-up. */
  stop(step: StopStep, report: RunReport): Promise<RunReport>
  /** After the branch moved (built, published): closes the pull requests it settles, deletes their branches. */
  finish(report: RunReport): Promise<void>
}

export interface CarrierOptions {
  settings: Settings
  discovery: Discovery
  log: Logger
  /** Git environment that authenticates to the fork for this run only. */
  forkEnv: Record<string, string>
}

function pullRequestsFor(settings: Settings, log: Logger): PullRequests | undefined {
  const [owner, repo] = settings.repository.split('/')
  if (!owner || !repo) return undefined
  return createPullRequests({
    token: settings.githubToken ?? '',
    apiUrl: settings.apiUrl,
    owner,
    repo,
    log: (message) => log.info(message),
  })
}

/**
 * Reads which patch-carrier branches the fork has (from the refs discovery listed). Only when there are
 * some does it ask GitHub for their pull requests: a run with none makes no API call and needs no token.
 */
export async function openCarrier(options: CarrierOptions): Promise<Carrier> {
  const { settings, discovery, log } = options
  const pulls = settings.mode === 'sync' && settings.repository ? pullRequestsFor(settings, log) : undefined
  let entries = pulls ? relevantCarriers(discovery) : []
  if (pulls && entries.length > 0) {
    if (settings.githubToken || !settings.dryRun) {
      const found = entries
      entries = await log.group('Pull requests', () => readPullRequests(pulls, found))
    } else {
      log.warning(
        'Dry run without github-token: the pull requests of the patch-carrier branches are not read',
      )
    }
  }
  let context: CarrierContext | undefined
  let pending: Extract<SyncStep, { kind: 'head' }> | undefined

  return {
    active: entries.length > 0,

    async rebase(repo, packager, report) {
      if (settings.review === 'always' && !pulls) {
        throw new Error("review 'always' needs the fork's repository (owner/name) to open pull requests")
      }
      const authed = repo.withEnv(options.forkEnv)
      await fetchCarrierBranches(authed, settings.remoteUrl, entries)
      context = { settings, discovery, log, repo: authed, pulls, entries }
      const step = await decideSync({ repo: authed, packager, settings, discovery, entries })
      if (step.kind === 'head' || step.kind === 'conflict' || step.kind === 'review') {
        report.carried = step.carried
        report.dropped = step.dropped
      }
      if (step.kind === 'head') {
        pending = step
        if (step.note) report.notes.push(step.note)
        if (settings.dryRun) report.plan.push(...retirePlan(step.retire))
      }
      return step
    },

    async stop(step, report) {
      if (!context) throw new Error('stop() before rebase()')
      return stopRun(context, step, report)
    },

    async finish(report) {
      if (!context || !pending || pending.retire.length === 0 || settings.dryRun) return
      const done = pending
      const outcome = {
        branch: discovery.branch,
        upstreamTag: discovery.target.name,
        head: report.commit ?? done.head,
        version: report.version,
        obsRevision: report.obsRevision,
      }
      const ready = context
      const closed = await log.group('Pull requests', () => retire(ready, done.retire, outcome))
      // the adopted pull request (a merged one is closed already), else one the run closed
      const shown = done.retire.find((item) => item.reason === 'adopted')?.entry.pull ?? closed[0]
      if (!shown) return
      report.pullRequest = { number: shown.number, url: shown.url }
      if (closed.some((pull) => pull.number === shown.number)) report.pullRequestOperation = 'closed'
    },
  }
}
