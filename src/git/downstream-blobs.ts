import { presentObjects } from './objects.js'
import type { GitRepo } from './repo.js'

/** The objects of `oids` (each once) that the repository does not have. */
export async function missingOf(repo: GitRepo, oids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(oids)]
  const present = await presentObjects(repo, unique)
  return unique.filter((oid) => !present.has(oid))
}

/** The blobs base..branch changes (before and after each commit) and their paths. */
export async function downstreamChanges(
  repo: GitRepo,
  branch: string,
  base: string,
): Promise<{ blobs: string[]; paths: string[] }> {
  const commits = await repo.read(['rev-list', '--no-merges', branch, '--not', base])
  if (commits === '') return { blobs: [], paths: [] }
  const raw = await repo.read(['diff-tree', '-r', '-z', '--no-commit-id', '--no-renames', '--stdin'], {
    input: `${commits}\n`,
  })
  const blobs = new Set<string>()
  const paths = new Set<string>()
  // -z: ":<mode> <mode> <oid> <oid> <status>\0<path>\0" per change
  const fields = raw.split('\0')
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const match = /^:(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) /.exec(fields[i]!.replace(/^\n/, ''))
    if (!match) continue
    paths.add(fields[i + 1]!)
    if (match[1] !== '160000' && !/^0+$/.test(match[3]!)) blobs.add(match[3]!)
    if (match[2] !== '160000' && !/^0+$/.test(match[4]!)) blobs.add(match[4]!)
  }
  return { blobs: [...blobs], paths: [...paths] }
}

/** Blobs of `revision` at `paths` (those that exist there). */
export async function blobsAt(repo: GitRepo, revision: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return []
  const listing = await repo.read(['--literal-pathspecs', 'ls-tree', '-r', '-z', revision, '--', ...paths])
  return listing
    .split('\0')
    .map((entry) => /^\d+ blob ([0-9a-f]+)\t/.exec(entry)?.[1])
    .filter((oid): oid is string => oid !== undefined)
}
