import { messagesBetween } from '../git/log.js'
import type { GitRepo } from '../git/repo.js'

/**
 * The new changelog entry's items: one per source version the branch has ported since its upstream tag,
 * oldest first, read from the ports' trailers (a person's fix on the pull request adds none, the port's do).
 */
export async function backportChanges(repo: GitRepo, base: string, head: string): Promise<string[]> {
  const byVersion = new Map<string, { patches: Set<string>; cves: Set<string> }>()
  for (const message of await messagesBetween(repo, base, head)) {
    const from = trailer(message, 'Backported-from')[0]
    if (!from) continue
    const entry = byVersion.get(from) ?? { patches: new Set(), cves: new Set() }
    byVersion.set(from, entry)
    for (const name of trailer(message, 'Backported-patches')) entry.patches.add(name)
    for (const cve of trailer(message, 'Backported-CVE')) entry.cves.add(cve)
  }
  const items = [...byVersion].map(([version, { patches, cves }]) =>
    cves.size > 0
      ? `Backport ${[...cves].join(', ')} from ${version}.`
      : `Backport ${[...patches].join(', ')} from ${version}.`,
  )
  return items.length > 0 ? items : ['Rebuilt by patch-carrier.']
}

/** The words of every `key: …` line of a message. */
function trailer(message: string, key: string): string[] {
  return [...message.matchAll(new RegExp(`^${key}: (.*)$`, 'gm'))].flatMap((match) =>
    match[1]!.split(/\s+/).filter(Boolean),
  )
}
