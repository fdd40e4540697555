import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitRepo, Identity } from '../../git/repo.js'
import { identityEnv } from '../../git/repo.js'
import { parseSeries } from './series.js'

/**
 * Removes quilt patches upstream already contains (file and series line) in one commit on top of
 * the work tree's HEAD, dated like HEAD so the same rebase always yields the same sha.
 */
export async function dropAbsorbedPatches(
  repo: GitRepo,
  names: readonly string[],
  committer: Identity,
): Promise<string> {
  const patchesDir = join(repo.workTree!, 'debian', 'patches')
  const seriesPath = join(patchesDir, 'series')
  const drop = new Set(names)
  const series = await readFile(seriesPath, 'utf8')
  const kept = series
    .split('\n')
    .filter((line) => {
      const entry = parseSeries(line)[0]
      return !entry || !drop.has(entry.name)
    })
    .join('\n')
  await writeFile(seriesPath, kept)
  for (const name of names) await rm(join(patchesDir, name), { force: true })
  await repo.exec(['add', '--all', '--', 'debian/patches'])
  const date = await repo.read(['show', '-s', '--format=%cI', 'HEAD'])
  const message = `Drop patches upstream already contains\n\n${names.map((name) => `- ${name}`).join('\n')}\n`
  await repo.exec(['commit', '--quiet', '--no-verify', '-m', message], { env: identityEnv(committer, date) })
  return repo.read(['rev-parse', 'HEAD'])
}
