import type { CommitInfo, ConflictFile, FailedStep } from '../git/rebase-types.js'
import { renderConflictMarker } from './marker.js'
import { codeSpan, escapeInline, fencedBlock } from './markdown.js'

/** Everything the conflict pull request tells a person. Subjects, paths and hunks are untrusted text. */
export interface ConflictBodyInput {
  upstreamTag: string
  previousTag: string
  /** The fork branch that carries the downstream commits. */
  branch: string
  failed: FailedStep
  files: ConflictFile[]
  /** Downstream commits after the failed one, still to apply. */
  remaining: CommitInfo[]
  /** Shell commands (already quoted) that finish the rebase locally. */
  commands: string[]
}

export interface BodyLimits {
  /** GitHub rejects bodies over 65536 characters; stay below with room to spare. */
  maxLength: number
  /** Characters of hunks shown per file at most. */
  maxFileChars: number
  /** Pending commits listed at most. */
  maxRemaining: number
}

export const defaultBodyLimits: BodyLimits = { maxLength: 60_000, maxFileChars: 15_000, maxRemaining: 50 }

/** Room kept for the list of files whose hunks did not fit. */
const OMITTED_RESERVE = 3_000

/** At most `max` characters (whole code points), with an ellipsis when cut. */
function clip(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/** Commit subjects are one line, but nothing stops one from being enormous. */
function subject(text: string): string {
  return escapeInline(clip(text, 200))
}

function short(sha: string): string {
  return codeSpan(sha.slice(0, 12))
}

function failedLine(failed: FailedStep): string {
  return failed.kind === 'commit'
    ? `**Failed commit:** ${short(failed.commit.sha)} ${subject(failed.commit.subject)}`
    : `**Failed patch:** ${codeSpan(failed.name)} no longer applies to the new upstream source without fuzz.`
}

function remainingSection(remaining: CommitInfo[], max: number): string {
  if (remaining.length === 0) return '### Commits still to apply\n\nNone: the failed step was the last one.\n'
  const lines = remaining.slice(0, max).map((commit) => `1. ${short(commit.sha)} ${subject(commit.subject)}`)
  if (remaining.length > max) lines.push(`\n…and ${remaining.length - max} more.`)
  return `### Commits still to apply (${remaining.length})\n\n${lines.join('\n')}\n`
}

/** Cuts hunks to whole lines within `room` characters; undefined when not even a few lines fit. */
function truncateLines(hunks: string, room: number): { text: string; dropped: number } | undefined {
  const lines = hunks.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')
  let used = 0
  let kept = 0
  for (const line of lines) {
    if (used + line.length + 1 > room) break
    used += line.length + 1
    kept++
  }
  if (kept === lines.length) return { text: lines.join('\n'), dropped: 0 }
  if (kept < 3) return undefined
  return { text: lines.slice(0, kept).join('\n'), dropped: lines.length - kept }
}

function fileBlock(file: ConflictFile, room: number, limits: BodyLimits): string | undefined {
  const heading = `#### ${codeSpan(file.path)}\n\n`
  const fenceCost = 40 // fences, info string and the "more lines" note
  const cut = truncateLines(file.hunks, Math.min(limits.maxFileChars, room - heading.length - fenceCost))
  if (!cut) return undefined
  const note =
    cut.dropped > 0 ? `\n_${cut.dropped} more lines not shown: run the commands above to see them._\n` : ''
  const block = `${heading}${fencedBlock(cut.text, 'diff')}\n${note}`
  return block.length <= room ? block : undefined
}

function filesSection(files: ConflictFile[], room: number, limits: BodyLimits): string {
  if (files.length === 0) return ''
  const blocks: string[] = []
  let left = room - OMITTED_RESERVE
  const omitted: ConflictFile[] = []
  for (const file of files) {
    const block = omitted.length === 0 ? fileBlock(file, left, limits) : undefined
    if (block === undefined) {
      omitted.push(file)
      continue
    }
    blocks.push(block)
    left -= block.length + 1
  }
  let text = `### Conflicting files (${files.length})\n\n${blocks.join('\n')}`
  if (omitted.length > 0) {
    const names: string[] = []
    let used = 0
    for (const file of omitted) {
      const line = `- ${codeSpan(file.path)}`
      if (used + line.length + 1 > OMITTED_RESERVE - 200) break
      names.push(line)
      used += line.length + 1
    }
    if (names.length < omitted.length) names.push(`- …and ${omitted.length - names.length} more`)
    text += `\nHunks not shown (the description has a size limit):\n\n${names.join('\n')}\n`
  }
  return text
}

/**
 * Renders the conflict pull request description as GitHub Markdown: a marker comment, which commit or
 * patch failed, the commands to finish locally, the conflicting files with their hunks, and the commits
 * still to apply. Untrusted text is escaped or fenced so it renders literally.
 */
export function renderConflictBody(input: ConflictBodyInput, limits: BodyLimits = defaultBodyLimits): string {
  const head = [
    renderConflictMarker({ upstreamTag: input.upstreamTag, branch: input.branch }),
    '',
    `## Rebasing ${codeSpan(input.branch)} onto ${codeSpan(input.upstreamTag)} stopped on a conflict`,
    '',
    `The downstream changes on ${codeSpan(input.branch)} (based on ${codeSpan(input.previousTag)}) ` +
      `do not all apply to the new upstream tag ${codeSpan(input.upstreamTag)}. ` +
      'This pull request holds what applied; its base is the new upstream tag.',
    '',
    failedLine(input.failed),
    '',
    '### Finish locally',
    '',
    'Resolve the conflict, then push to this pull request’s branch (or merge it). The next run adopts the ' +
      `resolved history, moves ${codeSpan(input.branch)}, builds, publishes and closes this pull request.`,
    '',
    fencedBlock(input.commands.join('\n'), 'sh'),
    '',
  ].join('\n')
  const tail = [
    remainingSection(input.remaining, limits.maxRemaining),
    '<sub>Opened by patch-carrier. The next run updates this description in place; ' +
      'a newer upstream tag supersedes this pull request.</sub>',
    '',
  ].join('\n')
  const files = filesSection(input.files, limits.maxLength - head.length - tail.length - 2, limits)
  return [head, files, tail].filter(Boolean).join('\n')
}

/** The text with each run of control characters (a newline in a branch name) as one space: a title is one line. */
// eslint-disable-next-line no-control-regex
export const oneLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f]+/g, ' ')

/** A pull request title as GitHub takes it: at most 256 characters, with an ellipsis when cut. */
export const clipTitle = (title: string): string => clip(title, 256)

/** A one-line title for the conflict pull request. */
export function renderConflictTitle(input: { branch: string; upstreamTag: string }): string {
  return clipTitle(
    `patch-carrier: conflict rebasing ${oneLine(input.branch)} onto ${oneLine(input.upstreamTag)}`,
  )
}
