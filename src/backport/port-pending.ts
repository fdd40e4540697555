import type { PullRequest } from '../github/types.js'
import type { BackportDiscovery, SourceVersion } from './discover.js'
import { portVersion, type PortContext, type PortedVersion } from './port-version.js'
import { settle, type SettleContext } from './settle.js'
import type { VersionPort } from './verdicts.js'

/** A backport branch the run is done with: its pull request is closed (or commented on), the branch deleted. */
export interface Retirement {
  version: string
  sha: string
  pull?: PullRequest
  reason: 'merged' | 'adopted' | 'resolved'
}

/** Why the run stops before the newest version: a conflict for a person, or a person's push it cannot take. */
export type Stop =
  | { kind: 'conflict'; source: SourceVersion; ported: PortedVersion; branchSha?: string; pull?: PullRequest }
  | { kind: 'hold'; source: SourceVersion; sha: string; message: string; pull?: PullRequest }

export interface PendingOutcome {
  /** The branch head with every version taken. */
  head: string
  /** Versions handled this run and the commit each record points at. */
  records: { version: string; sha: string }[]
  ports: VersionPort[]
  retire: Retirement[]
  stop?: Stop
  notes: string[]
}

/**
 * Takes the pending versions oldest first, each compared with the one before: a merged or finished pull
 * request is taken as it is; otherwise the version is ported. The first version that needs a person stops
 * the run (a later one is compared with it only once it is done), unless a person dismissed its pull request.
 */
export async function portPending(
  context: SettleContext & PortContext,
  discovery: BackportDiscovery,
): Promise<PendingOutcome> {
  const outcome: PendingOutcome = {
    head: discovery.branchHead,
    records: [],
    ports: [],
    retire: [],
    notes: [],
  }
  let previous = discovery.start
  for (const source of discovery.pending) {
    const { version } = source
    const sha = discovery.branches.get(version)
    let pull: PullRequest | undefined
    if (sha) {
      const found = await settle(context, outcome.head, version, sha)
      pull = found.pull
      const settled = found.settled
      if (settled.kind === 'hold') {
        outcome.stop = { kind: 'hold', source, sha, message: settled.message, pull }
        break
      }
      if (settled.kind !== 'port') {
        if (settled.kind === 'adopt') outcome.head = settled.head
        outcome.records.push({ version, sha: settled.kind === 'adopt' ? settled.head : settled.sha })
        outcome.retire.push({ version, sha, pull, reason: settled.kind === 'adopt' ? 'adopted' : 'merged' })
        outcome.notes.push(
          `${version}: ${settled.kind === 'adopt' ? 'took the finished port pushed to its pull request branch' : 'its pull request was merged'}`,
        )
        previous = source
        continue
      }
    }
    const ported = await portVersion(context, outcome.head, previous, source)
    outcome.ports.push(ported.port)
    outcome.notes.push(...ported.notes.map((note) => `${version}: ${note}`))
    if (ported.conflictHead) {
      const closed = pull ? undefined : await context.pulls.closed(version)
      if (!closed) {
        outcome.stop = { kind: 'conflict', source, ported, branchSha: sha, pull }
        break
      }
      // merged as a squash or rebase (the branch is no ancestor), or dismissed: either way done with
      outcome.notes.push(
        closed.merged
          ? `${version}: its pull request #${closed.number} was merged`
          : `${version}: its pull request #${closed.number} was closed without merging: not ported, not opened again`,
      )
      if (closed.merged && sha) outcome.retire.push({ version, sha, reason: 'merged' })
    } else if (sha) {
      outcome.retire.push({ version, sha, pull, reason: 'resolved' })
    }
    if (!ported.conflictHead) outcome.head = ported.head
    outcome.records.push({ version, sha: outcome.head })
    previous = source
  }
  return outcome
}
