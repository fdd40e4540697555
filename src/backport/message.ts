import { describeVerdict, type PatchVerdict, type VersionPort } from './verdicts.js'

const ported = (item: PatchVerdict): boolean =>
  item.verdict.kind === 'added' || item.verdict.kind === 'refreshed'

/** CVE ids a port brings: its ported patches', then the version's changelog ids no patch of it claims. */
export function portedCves(port: VersionPort, items: readonly PatchVerdict[]): string[] {
  const claimed = new Set(port.verdicts.flatMap((item) => item.patch.cves))
  const own = items.flatMap((item) => item.patch.cves)
  return [...new Set([...own, ...port.cves.filter((cve) => !claimed.has(cve))])]
}

/** The message of a version's port: what it names for people, and trailers the changelog is built from. */
export function portMessage(
  port: VersionPort,
  items: readonly PatchVerdict[] = port.verdicts.filter(ported),
): string {
  const cves = portedCves(port, items)
  const subject =
    cves.length > 0
      ? `Backport ${cves.join(', ')} from ${port.version}`
      : `Backport ${items.length === 1 ? items[0]!.patch.name : `${items.length} patches`} from ${port.version}`
  return [
    subject.length <= 200 ? subject : `Backport security patches from ${port.version}`,
    '',
    `Quilt patches that ${port.version} (upstream tag ${port.tag}) adds or changes against`,
    `${port.previous.version}, ported by patch-carrier:`,
    '',
    ...port.verdicts.map((item) => `- ${describeVerdict(item)}`),
    '',
    `Backported-from: ${port.version}`,
    `Backported-patches: ${items.map((item) => item.patch.name).join(' ')}`,
    ...(cves.length > 0 ? [`Backported-CVE: ${cves.join(' ')}`] : []),
    '',
  ].join('\n')
}

/** The message of the commit that adds the patches that do not apply yet, as they are, for a person. */
export function unportedMessage(port: VersionPort, failed: readonly PatchVerdict[]): string {
  const names = failed.map((item) => item.patch.name)
  const cves = [...new Set(failed.flatMap((item) => item.patch.cves))]
  return [
    `Add ${names.join(', ')} from ${port.version} as it is: it does not apply yet`,
    '',
    'Refresh it against this tree (quilt push -f, fix, quilt refresh) and push to this branch.',
    '',
    `Backported-from: ${port.version}`,
    `Backported-patches: ${names.join(' ')}`,
    ...(cves.length > 0 ? [`Backported-CVE: ${cves.join(' ')}`] : []),
    '',
  ].join('\n')
}
