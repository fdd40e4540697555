import type { BuildRequest } from '../packager.js'
import { parseSeries, patchKey } from './series.js'

/** The bullet items of the new changelog entry: the tag, the carried patches and commits, the dropped ones. */
export async function changelogChanges(request: BuildRequest): Promise<string[]> {
  const items = [`Downstream changes carried onto upstream tag ${request.upstreamTag.name} by patch-carrier.`]
  const patches = await downstreamPatches(request)
  if (patches.length > 0) items.push(['Carried patches:', ...patches.map((name) => `  - ${name}`)].join('\n'))
  if (request.carried.length > 0) {
    items.push(
      [
        'Carried commits:',
        ...request.carried.map((commit) => `  - ${commit.subject} (${commit.sha.slice(0, 12)})`),
      ].join('\n'),
    )
  }
  if (request.dropped.length > 0) {
    items.push(
      ['Dropped, already upstream:', ...request.dropped.map((commit) => `  - ${commit.subject}`)].join('\n'),
    )
  }
  return items
}

/** Quilt patches in the head's series that upstream's series does not have. */
async function downstreamPatches(request: BuildRequest): Promise<string[]> {
  const read = async (revision: string) =>
    parseSeries((await request.repo.readFile(revision, 'debian/patches/series')) ?? '').map(
      (entry) => entry.name,
    )
  // `./a.patch` and `a.patch` are one file; a name listed twice is one patch
  const upstream = new Set((await read(request.upstreamTag.commit)).map(patchKey))
  const ours = [...new Map((await read(request.head)).map((name) => [patchKey(name), name])).entries()]
  return ours.filter(([key]) => !upstream.has(key)).map(([, name]) => name)
}
