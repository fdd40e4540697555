import { shellWord } from '../git/shell-commands.js'
import { withState, type CarrierState } from '../pipeline/conflict/survey.js'
import { clipTitle } from '../github/body.js'
import { codeSpan, escapeInline, fencedBlock } from '../github/markdown.js'
import { backportBranch } from './records.js'
import { describeVerdict, type PatchVerdict, type VersionPort } from './verdicts.js'

/** GitHub refuses bodies over 65536 characters; rejected hunks are cut to fit well below. */
const MAX_REJECTS = 12_000

/** Title and body of the one pull request of a version whose port needs a person. */
export function backportText(
  port: VersionPort,
  branch: string,
  state: CarrierState,
): { title: string; body: string } {
  const failed = port.verdicts.filter((item) => item.verdict.kind === 'conflict')
  const cves = [...new Set(failed.flatMap((item) => item.patch.cves))]
  const title = `patch-carrier: backport of ${port.version} onto ${branch} needs a person${cves.length > 0 ? ` (${cves.join(', ')})` : ''}`
  const lines = [
    `## Backport of ${codeSpan(port.version)} onto ${codeSpan(branch)}`,
    '',
    `${codeSpan(port.version)} (upstream tag ${codeSpan(port.tag)}) adds or changes these quilt patches against ` +
      `${codeSpan(port.previous.version)}. patch-carrier ported what applies; this branch also holds the ` +
      'patches that do not apply, as they are, at the end of the series:',
    '',
    ...port.verdicts.map((item) => `- ${escapeInline(describeVerdict(item))}`),
    '',
    ...failed.flatMap(failure),
    '### Finish it',
    '',
    fencedBlock(commands(port, branch, failed).join('\n'), 'sh'),
    '',
    `Then merge this pull request (or only push to its branch): the next run takes it into ${codeSpan(branch)}, ` +
      'builds and publishes it, and records the version as ported. Closing it without merging dismisses ' +
      'this version: no pull request is opened for it again.',
  ]
  return {
    title: clipTitle(title),
    body: withState(lines.join('\n'), state),
  }
}

function failure({ patch, verdict }: PatchVerdict): string[] {
  if (verdict.kind !== 'conflict') return []
  const rejects =
    verdict.rejects.length > MAX_REJECTS ? `${verdict.rejects.slice(0, MAX_REJECTS)}\n…` : verdict.rejects
  return [
    `### ${codeSpan(patch.name)} does not apply${patch.cves.length > 0 ? ` (${escapeInline(patch.cves.join(', '))})` : ''}`,
    '',
    ...(verdict.files.length > 0 ? [`Files: ${verdict.files.map(codeSpan).join(', ')}`, ''] : []),
    fencedBlock(verdict.output.slice(0, 4000)),
    '',
    ...(rejects ? ['Rejected hunks (tried with fuzz 2):', '', fencedBlock(rejects, 'diff'), ''] : []),
  ]
}

/** The commands that finish the port in a clone of the fork (`origin`). */
export function commands(port: VersionPort, branch: string, failed: readonly PatchVerdict[]): string[] {
  const head = backportBranch(port.version)
  const tracking = `refs/remotes/origin/${head}`
  return [
    '# origin is the fork',
    `git fetch origin ${shellWord(`+refs/heads/${head}:${tracking}`)}`,
    `git switch -C ${shellWord(head)} ${shellWord(tracking)}`,
    'export QUILT_PATCHES=debian/patches',
    ...failed.flatMap(({ patch }) => [
      `quilt push -a --fuzz=0   # stops before ${patch.name}`,
      'quilt push -f            # applies it with rejects (*.rej): port those hunks by hand',
      'quilt refresh',
    ]),
    'quilt pop -a',
    `git commit -m ${shellWord(`Refresh ${failed.map((item) => item.patch.name).join(', ')} for ${branch}`)} -- debian/patches`,
    `git push origin ${shellWord(`HEAD:refs/heads/${head}`)}`,
  ]
}
