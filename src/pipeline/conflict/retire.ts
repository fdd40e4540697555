import { isAncestor } from '../../git/ancestry.js'
import { pushLeased, type LeasedUpdate } from '../../git/push.js'
import { codeSpan } from '../../github/markdown.js'
import type { CarrierContext } from './carrier.js'
import type { RetireReason, Retirement } from './steps.js'
import { archiveRef } from '../versioning.js'
import { foreignShas, headsRef, rebaseBranch, upstreamBranch } from './survey.js'

/**
 * Retires pull requests: a person's work that the new branch head does not contain is first kept under an
 * archive tag; then each pull request is closed with a comment saying what became of it; then its branches
 * are deleted in one leased push (a branch someone pushed to meanwhile is left for the next run).
 * Returns the pull requests it closed (a merged or closed one only gets the comment).
 */
export async function retire(
  context: CarrierContext,
  retirements: readonly Retirement[],
  outcome: Outcome,
): Promise<{ number: number; url: string }[]> {
  if (retirements.length === 0) return []
  const { repo, settings, discovery, log } = context
  const keep: LeasedUpdate[] = []
  const remove: LeasedUpdate[] = []
  const comments: { number: number; url: string; open: boolean; text: string; what: string }[] = []
  for (const { entry, reason, expected } of retirements) {
    const kept: string[] = []
    for (const sha of foreignShas(entry, expected)) {
      if (await isAncestor(repo, sha, outcome.head)) continue
      const ref = archiveRef(entry.tag, sha)
      kept.push(ref)
      if (!discovery.fork.refs.has(ref)) keep.push({ ref, sha })
    }
    if (entry.rebase) remove.push({ ref: headsRef(rebaseBranch(entry.tag)), expected: entry.rebase })
    if (entry.upstream) remove.push({ ref: headsRef(upstreamBranch(entry.tag)), expected: entry.upstream })
    if (entry.pull) {
      const text = closingComment(reason, outcome, kept)
      comments.push({
        number: entry.pull.number,
        url: entry.pull.url,
        open: entry.pull.state === 'open',
        text,
        what: `${entry.tag}: ${reason}`,
      })
    }
  }
  const archived = await pushLeased(repo, settings.remoteUrl, keep)
  if (archived.kind === 'moved')
    throw new Error(`Keeping work from pull request branches failed:\n${archived.detail}`)
  const closed: { number: number; url: string }[] = []
  for (const comment of comments) {
    if (!context.pulls) break
    if (!comment.open) await context.pulls.comment(comment.number, comment.text)
    else if (await context.pulls.close(comment.number, comment.text))
      closed.push({ number: comment.number, url: comment.url })
    log.info(`Pull request #${comment.number} (${comment.what})`)
  }
  const removed = await pushLeased(repo, settings.remoteUrl, remove)
  if (removed.kind === 'moved') {
    log.warning(
      `patch-carrier branches changed during the run; they are left for the next run:\n${removed.detail}`,
    )
  }
  return closed
}

/** Plan lines for a dry run. */
export function retirePlan(retirements: readonly Retirement[]): string[] {
  return retirements.flatMap(({ entry, reason }) => [
    ...(entry.pull ? [`close pull request #${entry.pull.number} (${entry.tag}): ${reason}`] : []),
    `delete the patch-carrier branches of ${entry.tag}`,
  ])
}

/** What the run achieved, for the comment that closes a pull request. */
interface Outcome {
  branch: string
  upstreamTag: string
  /** The branch head after the run. */
  head: string
  version?: string
  obsRevision?: string
  /** The pull request that takes over (a newer tag's). */
  successor?: { number: number }
}

function moved(outcome: Outcome): string {
  let text = `${codeSpan(outcome.branch)} now points at ${codeSpan(outcome.head.slice(0, 12))}`
  if (outcome.version) text += `, built as version ${codeSpan(outcome.version)}`
  if (outcome.obsRevision) text += ` and published as OBS revision ${codeSpan(outcome.obsRevision)}`
  return text
}

/** The comment that closes (or, when merged, follows) a pull request; `kept` names archive refs. */
function closingComment(reason: RetireReason, outcome: Outcome, kept: readonly string[]): string {
  const tag = codeSpan(outcome.upstreamTag)
  const successor = outcome.successor ? `#${outcome.successor.number}` : undefined
  const text = {
    adopted: `patch-carrier took this resolution: ${moved(outcome)}.`,
    resolved: `The downstream commits now apply cleanly to ${tag}: ${moved(outcome)}. Nothing is left to do here.`,
    carried: successor
      ? `Superseded by ${successor} for the newer upstream tag ${tag}, which carries this resolution over.`
      : `Superseded by the newer upstream tag ${tag}: this resolution was carried over onto it cleanly, and ${moved(outcome)}.`,
    superseded: successor
      ? `Superseded by ${successor} for the newer upstream tag ${tag}.`
      : `Superseded by the newer upstream tag ${tag}: ${moved(outcome)}.`,
    settled: `${codeSpan(outcome.branch)} already contains ${tag}: nothing is left to do here.`,
  }[reason]
  if (kept.length === 0) return text
  return `${text}\n\nWork on this pull request's branches is kept as ${kept.map(codeSpan).join(', ')}.`
}
