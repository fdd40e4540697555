import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { commitDate } from '../git/commit-tree.js'
import type { GitRepo, Identity } from '../git/repo.js'
import { withTempDir } from '../packaging/debian/temp.js'
import type { SourceVersion } from './discover.js'
import { exportPortInputs } from './inputs-tree.js'
import { portMessage } from './message.js'
import { addUnported } from './unported.js'
import { portPatches } from './port-patches.js'
import { versionPatches } from './source-patches.js'
import { commitFiles } from './commit.js'
import type { VersionPort } from './verdicts.js'

export interface PortedVersion {
  port: VersionPort
  /** The head with every patch that applied: a new commit, or `head` when nothing was added or refreshed. */
  head: string
  /** For a conflict: `head` plus a commit adding the patches that do not apply, as they are, for a person. */
  conflictHead?: string
  notes: string[]
}

export interface PortContext {
  repo: GitRepo
  committer: Identity
  /** The fork's version, named in the `Backported-by:` field of refreshed patches. */
  forkName: string
}

/** Ports one source version's new and changed patches onto `head`; one commit for what applied. */
export async function portVersion(
  context: PortContext,
  head: string,
  previous: SourceVersion,
  next: SourceVersion,
): Promise<PortedVersion> {
  const { repo, committer } = context
  const found = await versionPatches(
    (revision, path) => repo.readFile(revision, path),
    previous.commit,
    next.commit,
  )
  const port: VersionPort = {
    version: next.version,
    tag: next.tag,
    previous: { version: previous.version, tag: previous.tag },
    verdicts: [],
    cves: found.cves,
  }
  if (found.patches.length === 0) return { port, head, notes: found.notes }
  const date = await commitDate(repo, next.commit)
  return withTempDir('backport', async (tmp) => {
    const dir = join(tmp, 'fork')
    await exportPortInputs(
      repo,
      head,
      dir,
      found.patches.map((patch) => patch.text),
    )
    port.verdicts = await portPatches({
      dir,
      scratch: join(tmp, 'scratch'),
      sourceSeries: found.series,
      patches: found.patches,
      note: `patch-carrier, hunks refreshed from ${next.version} for ${context.forkName}`,
    })
    const applied = port.verdicts.filter(
      (item) => item.verdict.kind === 'added' || item.verdict.kind === 'refreshed',
    )
    let newHead = head
    if (applied.length > 0) {
      const files = new Map<string, string>()
      for (const item of applied)
        files.set(
          `debian/patches/${item.patch.name}`,
          await readFile(join(dir, 'debian/patches', item.patch.name), 'utf8'),
        )
      files.set('debian/patches/series', await readFile(join(dir, 'debian/patches/series'), 'utf8'))
      newHead = await commitFiles(repo, head, files, portMessage(port, applied), committer, date)
    }
    const failed = port.verdicts.filter((item) => item.verdict.kind === 'conflict')
    const conflictHead =
      failed.length > 0 ? await addUnported(context, newHead, dir, port, failed, date) : undefined
    return { port, head: newHead, ...(conflictHead ? { conflictHead } : {}), notes: found.notes }
  })
}
