import { closingComment, type Outcome } from './comments.js'
import { isAncestor, type CarrierContext } from './context.js'
import { pushLeased, type LeasedUpdate } from './leased-push.js'
import { headsRef, rebaseBranch, upstreamBranch } from './refs.js'
import { foreignShas } from './resolution.js'
import type { Retirement } from './steps.js'

/** Where work from a retired pull request branch is kept: next to the branch archive of the same tag. */
export const keptRef = (tag: string, sha: string): string =>
  `refs/tags/patch-carrier/archive/${tag}/${sha.slice(0, 12)}`

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
      const ref = keptRef(entry.tag, sha)
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
