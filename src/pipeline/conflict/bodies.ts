import type { CommitInfo, ConflictFile, FailedStep } from '../../git/rebase-types.js'
import { renderConflictBody, renderConflictTitle } from '../../github/body.js'
import type { FailedStep as BodyFailedStep } from '../../github/body.js'
import { renderConflictMarker } from '../../github/marker.js'
import { codeSpan, escapeInline } from '../../github/markdown.js'
import { finishCommands } from './commands.js'
import { withState, type CarrierState } from './state-marker.js'

/** The one label every patch-carrier pull request gets. */
export const PULL_REQUEST_LABEL = 'patch-carrier'

export interface PullRequestText {
  title: string
  body: string
}

export interface ConflictText {
  branch: string
  upstreamTag: string
  previousTag: string
  failed: FailedStep
  files: readonly ConflictFile[]
  remaining: readonly CommitInfo[]
  state: CarrierState
}

function bodyFailed(failed: FailedStep): BodyFailedStep {
  return failed.kind === 'commit'
    ? { kind: 'commit', sha: failed.commit.sha, subject: failed.commit.subject }
    : { kind: 'patch', name: failed.name }
}

/** Title and body of the pull request for a rebase that stopped on a conflict. */
export function conflictText(input: ConflictText): PullRequestText {
  const body = renderConflictBody({
    upstreamTag: input.upstreamTag,
    previousTag: input.previousTag,
    branch: input.branch,
    failed: bodyFailed(input.failed),
    files: [...input.files],
    remaining: [...input.remaining],
    commands: finishCommands(input),
  })
  return { title: renderConflictTitle(input), body: withState(body, input.state) }
}

export interface ReviewText {
  branch: string
  upstreamTag: string
  previousTag: string
  carried: readonly CommitInfo[]
  dropped: readonly CommitInfo[]
  state: CarrierState
}

const commitLine = (commit: CommitInfo): string =>
  `1. ${codeSpan(commit.sha.slice(0, 12))} ${escapeInline(commit.subject.slice(0, 200))}`

/** One line, at most 256 characters (GitHub's limit for titles). */
function reviewTitle(input: { branch: string; upstreamTag: string }): string {
  // eslint-disable-next-line no-control-regex
  const clean = (text: string): string => text.replace(/[\u0000-\u001f\u007f]+/g, ' ')
  const title = `patch-carrier: rebase of ${clean(input.branch)} onto ${clean(input.upstreamTag)}, for review`
  return Array.from(title).length <= 256 ? title : `${Array.from(title).slice(0, 255).join('')}…`
}

/** Title and body of the pull request that holds a clean rebase for review (`review: always`). */
export function reviewText(input: ReviewText): PullRequestText {
  const branch = codeSpan(input.branch)
  const lines = [
    renderConflictMarker({ upstreamTag: input.upstreamTag, branch: input.branch }),
    '',
    `## Rebase of ${branch} onto ${codeSpan(input.upstreamTag)}, for review`,
    '',
    `The downstream changes on ${branch} (based on ${codeSpan(input.previousTag)}) apply cleanly to the new ` +
      `upstream tag ${codeSpan(input.upstreamTag)}. \`review: always\` is set, so they wait here: merge this ` +
      `pull request and the next run moves ${branch} to the merged history, builds and publishes it. ` +
      'Commits pushed here are kept as they are.',
    '',
    `### Carried (${input.carried.length})`,
    '',
    ...(input.carried.length > 0 ? input.carried.slice(0, 100).map(commitLine) : ['None.']),
    '',
  ]
  if (input.dropped.length > 0) {
    lines.push(`### Dropped: already upstream (${input.dropped.length})`, '')
    lines.push(...input.dropped.slice(0, 100).map(commitLine), '')
  }
  lines.push('<sub>Opened by patch-carrier. A newer upstream tag supersedes this pull request.</sub>')
  return { title: reviewTitle(input), body: withState(lines.join('\n'), input.state) }
}
