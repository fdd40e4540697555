import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { ObsError, ObsTransientError } from './errors.js'
import { md5Of, type LocalFile } from './files.js'
import { parseDirectory, readPackage, type PackageRef, type PackageState } from './package.js'
import { backoffDelay, type RetryPolicy } from './retry.js'
import type { Transport } from './transport.js'
import { attr, children, escapeXml, parseRoot } from './xml.js'

/** A file the new revision lists: a local file (uploadable), or a kept one from a revision on OBS. */
export interface PlannedEntry {
  name: string
  md5: string
  local?: LocalFile
  /** For a kept file: the revision that holds it (its bytes can be read back to prove ownership). */
  revision?: string
}

export interface Upload {
  name: string
  bytes: number
}

export type CommitOutcome =
  | { kind: 'committed'; state: PackageState; uploads: Upload[] }
  /** The package moved away from `base` before our commit was sent: nothing of ours was committed. */
  | { kind: 'moved'; current: PackageState; uploads: Upload[] }

export interface CommitDeps {
  transport: Transport
  retry: RetryPolicy
  sleep: (ms: number) => Promise<void>
  log: (line: string) => void
}

/** OBS asks again after each upload round; osc gives up after three. */
const maxRounds = 3

/** Whether a listing holds exactly these names with these md5s. */
export function sameFiles(
  files: readonly { name: string; md5: string }[],
  planned: readonly PlannedEntry[],
): boolean {
  if (files.length !== planned.length) return false
  const md5s = new Map(files.map((file) => [file.name, file.md5]))
  return planned.every((entry) => md5s.get(entry.name) === entry.md5)
}

/**
 * Runs the commitfilelist protocol from `base`: POST the list; upload what OBS reports missing
 * (`rev=repository`: invisible until a list naming it is committed) and send the sha256 it asks
 * for as proof (`withvalidate`); POST again. Before every POST but the first (which directly
 * follows the read of `base`) the package is re-read: if it moved, nothing is sent. A POST whose
 * fate is unknown (timeout, dropped reply, 5xx) is settled by re-reading: our list is there →
 * committed; unchanged → POST again; else moved.
 */
export async function commitFileList(
  deps: CommitDeps,
  ref: PackageRef,
  base: PackageState,
  planned: readonly PlannedEntry[],
  meta: { user: string; comment: string },
): Promise<CommitOutcome> {
  const commit: Commit = { deps, ref, base, planned, uploads: [], proven: new Map() }
  let recheck = false
  let rounds = 0
  let failures = 0
  for (;;) {
    const moved = recheck ? await outcomeIfMoved(commit) : undefined
    if (moved) return moved
    if (++rounds > maxRounds) {
      throw new ObsError(
        `OBS still reports files missing after ${maxRounds} upload rounds for ${ref.project}/${ref.package}`,
      )
    }
    recheck = true
    let reply: string
    try {
      reply = await post(deps.transport, ref, planned, commit.proven, meta)
    } catch (error) {
      const settled = await afterLostReply(commit, error, ++failures)
      if (settled) return settled
      rounds-- // a lost reply is not an upload round
      continue
    }
    const missing = missingEntries(reply)
    if (!missing) return { kind: 'committed', state: parseDirectory(reply), uploads: commit.uploads }
    const gone = await supplyMissing(commit, missing)
    if (gone) return gone
  }
}

/** One commit in progress: what it starts from and plans, what it uploaded, the proof OBS asked for. */
interface Commit {
  deps: CommitDeps
  ref: PackageRef
  base: PackageState
  planned: readonly PlannedEntry[]
  uploads: Upload[]
  /** name → sha256 to send */
  proven: Map<string, string>
}

/** Re-reads the package: the outcome when it moved since `base` (our own list there: committed). */
async function outcomeIfMoved(commit: Commit): Promise<CommitOutcome | undefined> {
  const current = await readPackage(commit.deps.transport, commit.ref)
  if (current.revision === commit.base.revision) return undefined
  if (sameFiles(current.files, commit.planned))
    return { kind: 'committed', state: current, uploads: commit.uploads }
  return { kind: 'moved', current, uploads: commit.uploads }
}

/**
 * After a POST that failed: waits before the re-read when its fate is unknown (a transient failure) and
 * attempts remain; out of attempts, the commit may have landed: committed if so, else the error.
 */
async function afterLostReply(
  commit: Commit,
  error: unknown,
  failures: number,
): Promise<CommitOutcome | undefined> {
  if (!(error instanceof ObsTransientError)) throw error
  const { deps, ref } = commit
  if (failures >= deps.retry.attempts) {
    // out of attempts, but the commit may have landed: say so rather than report a failure
    const settled = await outcomeIfMoved(commit).catch(() => undefined)
    if (settled?.kind === 'committed') return settled
    throw error
  }
  const delay = backoffDelay(deps.retry, failures)
  deps.log(
    `OBS commit of ${ref.project}/${ref.package}: outcome unknown (${error.message}); re-reading in ${delay} ms`,
  )
  await deps.sleep(delay)
  return undefined
}

/**
 * Uploads what OBS reports missing and notes the sha256 it asks for as proof. 'moved' when a kept file
 * is missing because the package moved on.
 */
async function supplyMissing(
  commit: Commit,
  missing: readonly { name: string; hash?: string }[],
): Promise<CommitOutcome | undefined> {
  const { deps, ref, planned, proven } = commit
  const wanted = missing.map(({ name, hash }) => ({
    name,
    hash,
    entry: planned.find((e) => e.name === name),
  }))
  if (wanted.some(({ entry }) => !entry?.local)) {
    // OBS validates kept files against its latest revision: one it no longer holds means the package moved
    const current = await readPackage(deps.transport, ref)
    if (current.revision !== commit.base.revision) return { kind: 'moved', current, uploads: commit.uploads }
  }
  for (const { name, hash, entry } of wanted) {
    if (!entry || (!entry.local && hash !== 'missing') || proven.has(name)) {
      throw new ObsError(
        `OBS does not accept ${JSON.stringify(name)} for ${ref.project}/${ref.package} (${hash ?? 'missing'})`,
      )
    }
  }
  // the uploads go side by side; a validating server (it tags entries with `hash`) wants proof for
  // bytes it holds, and a fresh upload is proven at once
  const sent = await Promise.all(
    wanted.map(async ({ name, hash, entry }) => {
      const local = entry!.local
      const sentFile = local && hash !== 'missing' ? await upload(deps, ref, local) : undefined
      if (hash !== undefined)
        proven.set(name, local?.sha256 ?? (await keptSha256(deps.transport, ref, entry!)))
      return sentFile
    }),
  )
  commit.uploads.push(...sent.filter((file) => file !== undefined))
  return undefined
}

function post(
  transport: Transport,
  ref: PackageRef,
  planned: readonly PlannedEntry[],
  proven: ReadonlyMap<string, string>,
  meta: { user: string; comment: string },
): Promise<string> {
  const entries = [...planned]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((entry) => {
      const sha256 = proven.get(entry.name)
      const hash = sha256 ? ` hash="sha256:${sha256}"` : ''
      return `  <entry name="${escapeXml(entry.name)}" md5="${escapeXml(entry.md5)}"${hash}/>\n`
    })
  return transport
    .request({
      method: 'POST',
      path: ['source', ref.project, ref.package],
      query: { cmd: 'commitfilelist', user: meta.user, comment: meta.comment, withvalidate: '1' },
      body: `<directory>\n${entries.join('')}</directory>\n`,
      idempotent: false,
    })
    .then((response) => response.text)
}

/** The entries of an `error="missing"` reply, or undefined when the reply is the new revision. */
function missingEntries(reply: string): { name: string; hash?: string }[] | undefined {
  const root = parseRoot(reply, 'directory')
  const error = attr(root, 'error')
  if (error === undefined) return undefined
  if (error !== 'missing') throw new ObsError(`OBS refused the commit: ${error}`)
  return children(root, 'entry').map((entry) => ({
    name: attr(entry, 'name') ?? '',
    hash: attr(entry, 'hash'),
  }))
}

/** Reads a kept file back from its revision: re-listing it after a race needs its sha256 as proof. */
async function keptSha256(transport: Transport, ref: PackageRef, entry: PlannedEntry): Promise<string> {
  const response = await transport.request({
    method: 'GET',
    path: ['source', ref.project, ref.package, entry.name],
    query: entry.revision ? { rev: entry.revision } : undefined,
  })
  const bytes = response.bytes
  if (md5Of(bytes) !== entry.md5)
    throw new ObsError(`OBS returned other bytes for ${JSON.stringify(entry.name)} than its md5`)
  return createHash('sha256').update(bytes).digest('hex')
}

async function upload(deps: CommitDeps, ref: PackageRef, file: LocalFile): Promise<Upload> {
  const bytes = await readFile(file.path)
  if (md5Of(bytes) !== file.md5) throw new ObsError(`${file.path} changed while it was being published`)
  deps.log(`OBS uploading ${file.name} (${bytes.length} bytes)`)
  await deps.transport.request({
    method: 'PUT',
    path: ['source', ref.project, ref.package, file.name],
    query: { rev: 'repository' },
    body: bytes,
  })
  return { name: file.name, bytes: bytes.length }
}
