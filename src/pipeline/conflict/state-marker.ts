/**
 * A hidden comment at the end of a patch-carrier pull request body recording what the action itself
 * pushed. A head of `patch-carrier/rebase/<tag>` that is neither this sha nor what the action would push
 * now is a person's work, and is never overwritten.
 */

export interface CarrierState {
  /** What the pull request is for: a rebase that stopped, or a clean one waiting for review. */
  kind: 'conflict' | 'review'
  /** The sha the action last pushed to `patch-carrier/rebase/<tag>`. */
  pushed: string
  /** The fork branch head the rebase started from: commits added after it are replayed on adoption. */
  branchHead: string
  /** A person's head the action already commented on (so it comments once per push). */
  noted?: string
}

const PATTERN =
  /<!-- patch-carrier:state kind=(conflict|review) pushed=([0-9a-f]{40,64}) branch-head=([0-9a-f]{40,64}) noted=([0-9a-f]{40,64}|-) -->/

export function renderState(state: CarrierState): string {
  return `<!-- patch-carrier:state kind=${state.kind} pushed=${state.pushed} branch-head=${state.branchHead} noted=${state.noted ?? '-'} -->`
}

/** The state recorded in a pull request body, or undefined when there is none. */
export function parseState(body: string | undefined): CarrierState | undefined {
  const match = PATTERN.exec(body ?? '')
  if (!match) return undefined
  const [, kind, pushed, branchHead, noted] = match as unknown as [
    string,
    CarrierState['kind'],
    string,
    string,
    string,
  ]
  return { kind, pushed, branchHead, ...(noted === '-' ? {} : { noted }) }
}

/** The body with its state record replaced (or appended). */
export function withState(body: string, state: CarrierState): string {
  const rendered = renderState(state)
  if (PATTERN.test(body)) return body.replace(PATTERN, rendered)
  return `${body.trimEnd()}\n\n${rendered}\n` // trimEnd: /\s+$/ is quadratic on a person's long body
}
