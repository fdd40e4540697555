import { downstreamCommits, rebaseDownstream } from '../../git/rebase.js'
import { isAncestor } from './context.js'
import type { DecideContext } from './decide.js'
import { rebaseBranch } from './refs.js'
import type { SyncStep } from './steps.js'
import type { CarrierEntry } from './survey.js'

/**
 * Takes a person's resolution of the target tag's pull request as the new branch head, when it is based on
 * the tag and its patches apply; commits added to the branch since the pull request opened are replayed.
 */
export async function adopt(
  context: DecideContext,
  entry: CarrierEntry,
  sha: string,
  older: readonly CarrierEntry[],
): Promise<SyncStep> {
  const { repo, discovery, settings, packager } = context
  const target = discovery.target
  const hold = (message: string, conflict?: Extract<SyncStep, { kind: 'hold' }>['conflict']): SyncStep => ({
    kind: 'hold',
    entry,
    sha,
    message,
    conflict,
    pendingKind: entry.state?.kind ?? 'conflict',
  })
  if (!(await isAncestor(repo, target.commit, sha))) {
    return hold(
      `The resolved history (${sha.slice(0, 12)}) does not contain the upstream tag ${target.name}: ` +
        'patch-carrier cannot take it. Base it on the pull request branch and push again.',
    )
  }
  let head = sha
  const recorded = entry.state?.branchHead
  if (recorded !== undefined && recorded !== discovery.branchHead) {
    if (!(await isAncestor(repo, recorded, discovery.branchHead))) {
      return hold(
        `${discovery.branch} was rewritten since this pull request was opened: patch-carrier cannot tell which of ` +
          'its commits the resolution lacks. Move the branch by hand, or delete this pull request branch to start over.',
      )
    }
    const replay = await rebaseDownstream({
      repo,
      onto: sha,
      base: recorded,
      head: discovery.branchHead,
      committer: settings.maintainer,
      resolvers: packager.resolvers,
    })
    if (replay.kind === 'conflict') {
      return hold(
        `Commits added to ${discovery.branch} since this pull request was opened do not apply to the resolved ` +
          'history: resolve them on this branch too.',
        { failed: replay.failed, files: replay.files, remaining: replay.remaining },
      )
    }
    head = replay.head
  }
  const patches = await packager.checkPatches(repo, head, settings, target.commit)
  if (patches.kind === 'conflict') {
    return hold(
      `The resolved history (${sha.slice(0, 12)}) still has a patch that does not apply without fuzz: fix it and push again.`,
      { failed: patches.failed, files: patches.files, remaining: [] },
    )
  }
  head = patches.head
  return {
    kind: 'head',
    head,
    carried: await downstreamCommits(repo, target.commit, head),
    dropped: patches.dropped,
    retire: [
      { entry, reason: 'adopted' },
      ...older.map((other) => ({ entry: other, reason: 'superseded' }) as const),
    ],
    note: `Adopted the resolution of ${rebaseBranch(target.name)} (${sha.slice(0, 12)})`,
  }
}
