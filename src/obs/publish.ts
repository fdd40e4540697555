import { commitFileList, sameFiles, type CommitDeps, type PlannedEntry, type Upload } from './commit.js'
import { ObsConcurrentCommitError, ObsError } from './errors.js'
import { checkFileNames, digestFiles, type LocalFile, type PublishFile } from './files.js'
import { defaultKeep, keepMatcher } from './keep.js'
import {
  createPackage,
  packageExists,
  readPackage,
  readPackageIfAny,
  type PackageRef,
  type PackageState,
} from './package.js'

export interface PublishRequest extends PackageRef {
  /** The complete new file set; every other file is removed unless `keep` matches it. */
  files: readonly PublishFile[]
  /** Globs of files already on OBS that stay (default `_service*`, `_constraints`, `_multibuild`). */
  keep?: readonly string[]
  /** Commit message (untrusted text is fine: it is encoded, never interpreted). */
  message: string
  /** Create the package when it does not exist yet. */
  create?: boolean
  /**
   * What must succeed before anything is written to OBS (the fork's reservation of the version): the
   * reads (digests, the package as OBS has it) go alongside it; should it fail, nothing is written.
   */
  ready?: Promise<unknown>
}

export interface PublishResult {
  /** The package's revision afterwards (unchanged when nothing changed). */
  revision: string
  /** Whether a new revision was committed. */
  changed: boolean
  /** Files sent to OBS, with their sizes: only new or changed content. */
  uploaded: Upload[]
  /** Files the publish removed from the package. */
  removed: string[]
}

export interface PublishDeps extends CommitDeps {
  user: string
}

/**
 * Commits exactly `files` (+ kept files) as the package's new revision, like `osc commit`.
 * A commit by someone else meanwhile is never silently overwritten: the plan is rebuilt on
 * their revision and tried once more, or publishing fails.
 */
export async function publish(deps: PublishDeps, request: PublishRequest): Promise<PublishResult> {
  const ref = { project: request.project, package: request.package }
  const label = `${ref.project}/${ref.package}`
  const keep = keepMatcher(request.keep ?? defaultKeep)
  // an empty set would wipe the package: far more likely a bug upstream than a wish
  if (request.files.length === 0) throw new ObsError(`nothing to publish to ${label}: the file set is empty`)
  const comment = cleanComment(request.message)
  checkFileNames(request.files) // before any request
  const [local, found] = await Promise.all([
    digestFiles(request.files),
    readPackageIfAny(deps.transport, ref),
    request.ready,
  ])
  if (!found && request.create && !(await packageExists(deps.transport, ref)))
    await createPackage(deps.transport, deps.user, ref)

  const uploaded: Upload[] = []
  let base = found ?? (await readPackage(deps.transport, ref))
  // whose kept files to carry: normally the base; after a raced commit, the revision just before ours
  let keptFrom = base
  let committed: PackageState | undefined
  let replaced: PackageState | undefined // the revision our (first) commit replaced
  const done = (state: PackageState): PublishResult => {
    const names = new Set(state.files.map((file) => file.name))
    const removed = (replaced?.files ?? []).map((file) => file.name).filter((name) => !names.has(name))
    return { revision: state.revision, changed: committed !== undefined, uploaded, removed: removed.sort() }
  }

  // at most two commit attempts: the second re-plans on a revision someone else made meanwhile
  for (let attempt = 1; ; attempt++) {
    const planned = plan(local, keptFrom, keep)
    if (sameFiles(base.files, planned)) {
      if (!committed) deps.log(`OBS ${label}: unchanged at revision ${base.revision}; nothing to commit`)
      return done(base)
    }
    const outcome = await commitFileList(deps, ref, base, planned, { user: deps.user, comment })
    uploaded.push(...outcome.uploads)
    if (outcome.kind === 'moved') {
      if (attempt > 1) throw concurrent(label, outcome.current, committed)
      deps.log(
        `OBS ${label}: revision ${outcome.current.revision} was committed meanwhile; planning again on it`,
      )
      base = keptFrom = outcome.current
      continue
    }
    committed = outcome.state
    if (Number(committed.revision) === Number(base.revision) + 1) {
      replaced ??= base
      deps.log(`OBS ${label}: committed revision ${committed.revision}`)
      return done(committed)
    }
    // someone committed between our last read and our commit: re-plan on the revision just before ours
    const before = await readPackage(deps.transport, ref, String(Number(committed.revision) - 1))
    replaced ??= before
    deps.log(
      `OBS ${label}: revision ${before.revision} was committed just before ours (${committed.revision})`,
    )
    if (attempt > 1) {
      if (sameFiles(committed.files, plan(local, before, keep))) return done(committed)
      throw concurrent(label, before, committed)
    }
    base = committed
    keptFrom = before
  }
}

/** The new file list: every local file, plus files of `from` that match `keep` and are not replaced. */
function plan(
  local: readonly LocalFile[],
  from: PackageState,
  keep: (name: string) => boolean,
): PlannedEntry[] {
  const names = new Set(local.map((file) => file.name))
  const kept = from.files
    .filter((file) => keep(file.name) && !names.has(file.name))
    .map(({ name, md5 }) => ({ name, md5, revision: from.revision }))
  return [...local.map((file) => ({ name: file.name, md5: file.md5, local: file })), ...kept]
}

function concurrent(
  label: string,
  theirs: PackageState,
  ours: PackageState | undefined,
): ObsConcurrentCommitError {
  const state = ours
    ? `our revision ${ours.revision} may not carry the kept files of their revision ${theirs.revision}`
    : `nothing was committed; the package stays at their revision ${theirs.revision}`
  return new ObsConcurrentCommitError(
    `OBS package ${label} was committed to by someone else twice while publishing: ${state}. ` +
      'Run again when nobody else is committing.',
  )
}

/** XML 1.0 cannot carry most control characters, so OBS could not store them in its history. */
function cleanComment(message: string): string {
  // eslint-disable-next-line no-control-regex
  const unstorable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g
  return message.replace(unstorable, ' ').replace(/\r\n?/g, '\n')
}
