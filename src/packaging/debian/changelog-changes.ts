import type { BuildRequest } from '../packager.js'

/** The bullet items of the new changelog entry: the tag, the carried changes, the dropped ones. */
export function changelogChanges(request: BuildRequest): string[] {
  const items = [`Downstream changes carried onto upstream tag ${request.upstreamTag.name} by patch-carrier.`]
  if (request.carried.length > 0) {
    items.push(
      [
        'Carried:',
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
