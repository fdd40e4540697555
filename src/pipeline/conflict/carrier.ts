import type { Settings } from '../../action/settings.js'
import { fetchRefs, requireFetched } from '../../git/fetch-refs.js'
import type { GitRepo } from '../../git/repo.js'
import { forkRef } from '../../git/workspace.js'
import { createPullRequests } from '../../github/pulls.js'
import type { PullRequest, PullRequests } from '../../github/types.js'
import type { Packager } from '../../packaging/packager.js'
import type { Logger } from '../deps.js'
import type { Discovery } from '../discover.js'
import type { RunReport } from '../report.js'
import { decideSync } from './decide.js'
import { openPullRequest } from './pull-request.js'
import { retire, retirePlan } from './retire.js'
import type { SyncStep } from './steps.js'
import {
  headsRef,
  readPullRequests,
  rebaseBranch,
  relevantCarriers,
  upstreamBranch,
  withState,
  type CarrierEntry,
} from './survey.js'

/**
 * The pull request side of a sync run, as the pipeline sees it: which patch-carrier branches the fork has
 * (survey.ts), what the run does with the branch (decide.ts), and carrying that out: a pull request
 * (pull-request.ts), a comment, the clean-up of pull requests a run settles (retire.ts).
 */
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

/** What the pull request steps of one run work with. */
export interface CarrierContext {
  settings: Settings
  discovery: Discovery
  log: Logger
  /** The work repository; its commands authenticate to the fork for this run only. */
  repo: GitRepo
  /** Pull requests of the fork; undefined when no repository is known (local runs). */
  pulls?: PullRequests
  /** Carrier branches for the target tag and older ones, with their pull requests. */
  entries: readonly CarrierEntry[]
}

type StopStep = Exclude<SyncStep, { kind: 'head' }>
type HeadStep = Extract<SyncStep, { kind: 'head' }>

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
async function surveyCarriers(options: CarrierOptions, pulls?: PullRequests): Promise<CarrierEntry[]> {
  const { settings, discovery, log } = options
  const entries = pulls ? relevantCarriers(discovery) : []
  if (!pulls || entries.length === 0) return entries
  if (settings.githubToken || !settings.dryRun)
    return log.group('Pull requests', () => readPullRequests(pulls, entries))
  log.warning('Dry run without github-token: the pull requests of the patch-carrier branches are not read')
  return entries
}

export async function openCarrier(options: CarrierOptions): Promise<Carrier> {
  const { settings, discovery, log } = options
  const pulls = settings.mode === 'sync' && settings.repository ? pullRequestsFor(settings, log) : undefined
  const entries = await surveyCarriers(options, pulls)
  let context: CarrierContext | undefined
  let pending: HeadStep | undefined

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
      await finishRun(context, pending, report)
    },
  }
}

/** Fetches the carrier branches into the work repository (one fetch; none when there are none). */
async function fetchCarrierBranches(
  repo: GitRepo,
  url: string,
  entries: readonly CarrierEntry[],
): Promise<void> {
  const wanted: [string, string][] = []
  for (const entry of entries) {
    if (entry.rebase) wanted.push([headsRef(rebaseBranch(entry.tag)), entry.rebase])
    if (entry.upstream) wanted.push([headsRef(upstreamBranch(entry.tag)), entry.upstream])
  }
  if (wanted.length === 0) return
  await fetchRefs(
    repo,
    url,
    wanted.map(([ref]) => `+${ref}:${forkRef(ref)}`),
  )
  for (const [ref, sha] of wanted) await requireFetched(repo, sha, ref)
}

/** After the branch moved: retires the pull requests the head settles and links the one that matters. */
async function finishRun(context: CarrierContext, done: HeadStep, report: RunReport): Promise<void> {
  const { discovery } = context
  const outcome = {
    branch: discovery.branch,
    upstreamTag: discovery.target.name,
    head: report.commit ?? done.head,
    version: report.version,
    obsRevision: report.obsRevision,
  }
  const closed = await context.log.group('Pull requests', () => retire(context, done.retire, outcome))
  // the adopted pull request (a merged one is closed already), else one the run closed
  const shown = done.retire.find((item) => item.reason === 'adopted')?.entry.pull ?? closed[0]
  if (!shown) return
  linkPull(report, shown)
  if (closed.some((pull) => pull.number === shown.number)) report.pullRequestOperation = 'closed'
}

const linkPull = (report: RunReport, pull: Pick<PullRequest, 'number' | 'url'>): void => {
  report.pullRequest = { number: pull.number, url: pull.url }
}

/**
 * Carries out a step that ends the run before the build: opens or updates the conflict or review pull
 * request, leaves a person's work alone with a comment, or clears up after a branch that already has the tag.
 */
async function stopRun(context: CarrierContext, step: StopStep, report: RunReport): Promise<RunReport> {
  const { discovery } = context
  switch (step.kind) {
    case 'conflict':
    case 'review':
      return stopInPullRequest(context, step, report)
    case 'hold': {
      report.result = step.pendingKind === 'review' ? 'update-available' : 'conflict'
      report.conflict = step.conflict
      report.commit = step.sha ?? discovery.branchHead
      if (step.entry.pull) linkPull(report, step.entry.pull)
      report.notes.push(step.message)
      context.log.warning(step.message)
      await commentOnHold(context, step)
      return report
    }
    case 'settle': {
      report.result = 'up-to-date'
      report.commit = discovery.branchHead
      if (context.settings.dryRun) {
        report.plan.push(...retirePlan(step.retire))
        return report
      }
      const [closed] = await retire(context, step.retire, {
        branch: discovery.branch,
        upstreamTag: discovery.target.name,
        head: discovery.branchHead,
      })
      if (closed) {
        linkPull(report, closed)
        report.pullRequestOperation = 'closed'
      }
      return report
    }
  }
}

/** A conflict or a clean rebase for review: into its pull request; older ones it supersedes are retired. */
async function stopInPullRequest(
  context: CarrierContext,
  step: Extract<StopStep, { kind: 'conflict' | 'review' }>,
  report: RunReport,
): Promise<RunReport> {
  const { settings, discovery } = context
  report.result = step.kind === 'conflict' ? 'conflict' : 'update-available'
  report.commit = step.head
  if (step.kind === 'conflict') {
    report.conflict = step.conflict
    if (settings.conflict === 'fail') return report
    if (!context.pulls) {
      report.notes.push('No pull request was opened: the fork repository (owner/name) is not known')
      return report
    }
  }
  const opened = await openPullRequest(context, step)
  report.plan.push(...opened.plan)
  report.pullRequestOperation = opened.operation
  if (settings.dryRun) {
    report.plan.push(...retirePlan(step.retire))
    return report
  }
  if (opened.pullRequest) linkPull(report, opened.pullRequest)
  await retire(context, step.retire, {
    branch: discovery.branch,
    upstreamTag: discovery.target.name,
    head: discovery.branchHead,
    successor: opened.pullRequest,
  })
  return report
}

/**
 * Tells the people on a pull request why the run left its branches alone: one comment per head, the
 * head being recorded in the body so later runs stay quiet until someone pushes again.
 */
async function commentOnHold(
  context: CarrierContext,
  step: Extract<SyncStep, { kind: 'hold' }>,
): Promise<void> {
  const { entry, sha } = step
  const pull = entry.pull
  if (!pull || !sha || !entry.state || !context.pulls || context.settings.dryRun) return
  if (entry.state.noted === sha) return
  await context.pulls.comment(pull.number, step.message)
  await context.pulls.update(pull.number, { body: withState(pull.body, { ...entry.state, noted: sha }) })
}
