import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseSeries } from '../packaging/debian/series.js'
import { commitFiles } from './commit.js'
import { ifPresent } from '../files/if-present.js'
import { unportedMessage } from './message.js'
import type { PortContext } from './port-version.js'
import type { PatchVerdict, VersionPort } from './verdicts.js'

/** The failing patches added as they are (a same-named one replaced, the others at the end) for `quilt push -f`. */
export async function addUnported(
  context: PortContext,
  head: string,
  dir: string,
  port: VersionPort,
  failed: readonly PatchVerdict[],
  date: string,
): Promise<string> {
  let series =
    (await ifPresent(readFile(join(dir, 'debian/patches/series'), 'utf8'), 'debian/patches/series')) ?? ''
  const files = new Map<string, string>()
  for (const { patch } of failed) {
    files.set(`debian/patches/${patch.name}`, patch.text)
    // a changed patch the fork has under its name keeps its line; a new one goes last
    if (!parseSeries(series).some((entry) => entry.name === patch.name))
      series = `${series}${series === '' || series.endsWith('\n') ? '' : '\n'}${patch.line}\n`
  }
  files.set('debian/patches/series', series)
  return commitFiles(context.repo, head, files, unportedMessage(port, failed), context.committer, date)
}
