import { pushAtomic, pushNewRef, type RefUpdate } from '../git/push.js'
import { listRefs } from '../git/ls-refs.js'
import type { PublishResult } from '../obs/index.js'
import type { Settings } from '../action/settings.js'
import { pushedByAnotherRun, pushedByAnotherRunNote } from './concurrent-run.js'
import type { Deps } from './deps.js'
import { publishToObs } from './publish.js'
import type { RunReport } from './report.js'
import { buildTagRef } from './versioning.js'

export interface ShipRequest {
  settings: Settings
  deps: Deps
  report: RunReport
  time: <T>(stage: string, work: () => Promise<T>) => Promise<T>
  /** The work repository's git directory: it holds every commit the updates name. */
  gitDir: string
  branch: string
  /** The branch head read at the start: the lease of every push. */
  branchHead: string
  /** Every ref to push; the branch among them only when it moves. */
  updates: readonly RefUpdate[]
  forkEnv: Record<string, string>
  /** Whether to commit the built files to OBS (before the push). */
  publishing: boolean
  /** Whether publishing waits for the branch to be where the run found it (not for a build of it as is). */
  leaseBranch: boolean
}

/** OBS committed, then the fork could not be updated: the report says what was published. */
export class PublishedNotPushedError extends Error {
  constructor(
    readonly report: RunReport,
    message: string,
  ) {
    super(message)
    this.name = 'PublishedNotPushedError'
  }
}

/**
 * Publishes what was built, then pushes every ref in one atomic push (the branch leased against the sha
 * read at the start). Publishing comes first: a failed publish leaves the branch as it was, and the
 * deterministic build makes the next run's files the same. Before anything is published, the build tag
 * alone is pushed: it reserves the version for this commit, so no later build carries the same version
 * with other files, whatever happens to the branch push. A push that fails after OBS committed ends the
 * run as `published-not-pushed` (PublishedNotPushedError), saying what OBS holds and what to do.
 */
export async function publishAndPush(request: ShipRequest): Promise<void> {
  const { settings, deps, report, time, updates } = request
  let published: PublishResult | undefined
  let reserved: RefUpdate | undefined
  if (request.publishing) {
    await assertBranchUnmoved(request)
    published = await time('Publish', async () => {
      // OBS is read alongside the reservation and written to only once the version is reserved
      const reservation = reserveVersion(request)
      const publishing = (async () => publishToObs(deps.obsFor(settings), settings, report, reservation))()
      const [reservedNow, obsNow] = await Promise.allSettled([reservation, publishing])
      if (reservedNow.status === 'rejected') throw reservedNow.reason
      reserved = reservedNow.value
      if (obsNow.status === 'rejected') throw obsNow.reason
      return obsNow.value
    })
    report.obsRevision = published.revision
    report.notes.push(
      published.changed
        ? `OBS revision ${published.revision}: uploaded ${published.uploaded.map((u) => `${u.name} (${u.bytes} bytes)`).join(', ') || 'nothing'}` +
            (published.removed.length > 0 ? `; removed ${published.removed.join(', ')}` : '')
        : `OBS already had these files: revision ${published.revision} unchanged, nothing uploaded`,
    )
  }
  const rest = updates.filter((update) => update !== reserved)
  if (rest.length === 0) return
  try {
    const pushed = await time('Push', () =>
      pushAtomic({
        gitDir: request.gitDir,
        url: settings.remoteUrl,
        branchRef: `refs/heads/${request.branch}`,
        expected: request.branchHead,
        updates: rest,
        env: request.forkEnv,
      }),
    )
    if (pushed.kind === 'moved') {
      if (!(await pushedByAnotherRun(settings.remoteUrl, updates, request.forkEnv)))
        throw published ? new BranchMoved(pushed.detail) : movedError(request, pushed.detail)
      report.notes.push(pushedByAnotherRunNote)
    }
  } catch (error) {
    if (!published) throw error
    throw notPushed(request, published, reserved, error)
  }
}

/** The branch push found the branch moved after OBS committed (see notPushed). */
class BranchMoved extends Error {}

/** A cheap ls-remote right before publishing: a branch that moved means another run or a person is at work. */
async function assertBranchUnmoved(request: ShipRequest): Promise<void> {
  if (!request.leaseBranch) return
  const branchRef = `refs/heads/${request.branch}`
  const listing = await listRefs(
    request.settings.remoteUrl,
    { prefixes: [branchRef], peel: false },
    request.forkEnv,
  )
  const now = listing.refs.get(branchRef)
  // the new head: another run on the same state already moved the branch to this very result
  const head = request.updates.find((update) => update.ref === branchRef)?.sha
  if (now !== request.branchHead && now !== head)
    throw movedError(request, `now ${now?.slice(0, 12) ?? 'deleted'}`)
}

function movedError(request: ShipRequest, detail: string): Error {
  return new Error(
    `Branch '${request.branch}' moved on the fork during the run (it was ${request.branchHead.slice(0, 12)}): ` +
      `nothing was pushed or published; the next run starts from the new head.\n${detail}`,
  )
}

/**
 * Pushes the build tag of the version about to be published, leased to not exist yet (or to be at this
 * very commit: a run on the same state). Returns it, or nothing when the fork already had it.
 */
async function reserveVersion(request: ShipRequest): Promise<RefUpdate | undefined> {
  const version = request.report.version
  const update = version && request.updates.find((candidate) => candidate.ref === buildTagRef(version))
  if (!version || !update) return undefined
  const reserved = await pushNewRef({
    gitDir: request.gitDir,
    url: request.settings.remoteUrl,
    ref: update.ref,
    sha: update.sha,
    env: request.forkEnv,
  }).catch((error: unknown) => {
    throw new Error(
      `Reserving version ${version} on the fork failed: nothing was published.\n${(error as Error).message}`,
    )
  })
  if (reserved.kind === 'exists') {
    const tag = update.ref.replace(/^refs\/tags\//, '')
    const suffix = request.settings.versionSuffix
    throw new Error(
      suffix.includes('{n}')
        ? `Version ${version} was taken while this run built it: the fork's tag ${tag} now names commit ` +
            `${reserved.sha.slice(0, 12)}, not ${update.sha.slice(0, 12)}. Nothing was published; run again ` +
            'to build under the next {n}.'
        : `version-suffix '${suffix}' has no {n}, and ${version} already names the package built from ` +
            `${reserved.sha.slice(0, 12)} (the fork's tag ${tag}), not from ${update.sha.slice(0, 12)}. ` +
            'Nothing was published: add {n} to version-suffix, so that each build gets its own version.',
    )
  }
  request.deps.log.info(`Version ${version} reserved for ${update.sha.slice(0, 12)}: pushed ${update.ref}`)
  return update
}

/** The run's failure after OBS committed: what OBS now holds, why the fork was not updated, what to do. */
function notPushed(
  request: ShipRequest,
  published: PublishResult,
  reserved: RefUpdate | undefined,
  error: unknown,
): PublishedNotPushedError {
  const { report, settings } = request
  const where = `${settings.obs.project}/${settings.obs.package}`
  const version = report.version ?? ''
  const what = published.changed
    ? `${version} was published as OBS revision ${published.revision} of ${where}`
    : `OBS revision ${published.revision} of ${where} already held ${version}`
  const built = request.updates.find((update) => update.ref === buildTagRef(version))?.sha ?? report.commit
  const head = built ? ` (built from ${built.slice(0, 12)})` : ''
  const why =
    error instanceof BranchMoved
      ? `branch '${request.branch}' moved on the fork during the run (it was ${request.branchHead.slice(0, 12)}). ` +
        (reserved
          ? `The fork's tag ${reserved.ref.replace(/^refs\/tags\//, '')} keeps ${version} for that build, so the ` +
            'next run builds the new head under another version. '
          : '') +
        `To do: look at what moved the branch, then run again.\n${error.message}`
      : 'the push failed. To do: fix what stopped it and run again: the re-run builds the same files, finds ' +
        `them on OBS and only pushes.\n${(error as Error).message}`
  report.result = 'published-not-pushed'
  report.pushed = reserved ? [reserved] : []
  report.notPushed = `${what}${head}, but the fork was not updated: ${why}`
  return new PublishedNotPushedError(report, report.notPushed)
}
