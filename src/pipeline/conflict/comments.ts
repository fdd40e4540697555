import { codeSpan } from '../../github/markdown.js'
import type { RetireReason } from './steps.js'

/** What the run achieved, for the comment that closes a pull request. */
export interface Outcome {
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
export function closingComment(reason: RetireReason, outcome: Outcome, kept: readonly string[]): string {
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
