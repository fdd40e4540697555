import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/process/run.js'
import { makeRpmFork, noDebounce, qmailPackaging, qmailSources } from '../packaging/rpm/fixtures.js'
import { runAction, type ActionRun } from '../support/action.js'
import {
  addDownstreamPatch,
  changelogEntry,
  fastPatch,
  helloMainC as mainC,
  makeDebianUpstream,
  makeFork,
  type DebianUpstream,
} from '../support/debian-fixtures.js'
import { fixtureEnv, writeFiles } from '../support/git.js'
import { makePlainUpstream } from '../support/plain-fixtures.js'
import { tempDir } from '../support/tmp.js'

/**
 * The date of the changelog entry a build adds (Debian and RPM) is the latest of the upstream release's
 * date (its tag's), the newest carried commit's and the entry below's: never earlier than the release it
 * packages, even when the fork's own commits are older (every fixture commit is of 2026-01-01).
 */

/** git in a fixture repository with every date (commit and tag) set to `date`. */
const gitAt = (date: string, cwd: string, ...args: string[]) =>
  run('git', args, { cwd, env: { ...fixtureEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } })

/** Makes `tag` of a fixture's work repository an annotated tag made at `date`, on the server too. */
async function annotateAt(work: string, bare: string, tag: string, date: string): Promise<void> {
  await gitAt(date, work, 'tag', '-f', '-a', '-m', `Release ${tag}`, tag, `refs/tags/${tag}^{commit}`)
  await gitAt(date, work, 'push', '-q', '--force', bare, `refs/tags/${tag}`)
}

const sync = async (inputs: Record<string, string>): Promise<ActionRun> => {
  const result = await runAction({
    'work-dir': await tempDir('pc-work-'),
    'output-dir': await tempDir('pc-out-'),
    ...inputs,
  })
  expect(result.code, result.stdout).toBe(0)
  expect(result.outputs.result).toBe('updated')
  return result
}

const builtFile = (result: ActionRun, suffix: string): string =>
  (JSON.parse(result.outputs.files!) as string[]).find((path) => path.endsWith(suffix))!

/** The trailer dates of the built debian/changelog, newest first. */
function debianDates(result: ActionRun): string[] {
  const changelog = execFileSync('tar', ['-xOf', builtFile(result, '.debian.tar.xz'), 'debian/changelog'], {
    encoding: 'utf8',
  })
  return [...changelog.matchAll(/^ -- .+?> {2}(.+)$/gm)].map((match) => match[1]!)
}

describe('Debian: the new changelog entry is dated', () => {
  let upstream: DebianUpstream
  beforeAll(async () => {
    upstream = await makeDebianUpstream({ source: 'hello' })
    await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') } })
    // released in March 2027 (the tag), from commits and an entry of 2026
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
    await annotateAt(upstream.work, upstream.bare, 'debian/1.1-1', '2027-03-04T12:00:00Z')
    // a Debian upload whose changelog entry is dated in 2029, later than its commit and tag (2026)
    await upstream.packagingRelease('debian/1.1-2', {
      'debian/changelog': (old) =>
        changelogEntry('hello', '1.1-2', 'Upload.', 'Sun, 06 May 2029 08:00:00 +0000') + old,
    })
  })

  const fork = async (extra?: { date: string }) => {
    const made = await makeFork(upstream.url, 'debian/1.0-1')
    await addDownstreamPatch(made, 'fast.patch', fastPatch)
    if (extra) {
      await writeFiles(made.work, { 'debian/README.fork': 'carried\n' })
      await gitAt(extra.date, made.work, 'add', '-A')
      await gitAt(extra.date, made.work, 'commit', '-q', '-m', 'A later downstream change')
      await gitAt(extra.date, made.work, 'push', '-q', made.bare, 'HEAD:refs/heads/main')
    }
    return { 'remote-url': made.url, 'upstream-url': upstream.url, 'upstream-tags': 'debian/*' }
  }

  it('at the upstream release (its tag), not at the older downstream commits', async () => {
    const result = await sync({ ...(await fork()), 'upstream-tag': 'debian/1.1-1' })
    expect(debianDates(result).slice(0, 2)).toEqual([
      'Thu, 04 Mar 2027 12:00:00 +0000',
      'Thu, 01 Jan 2026 00:00:00 +0000',
    ])
  })

  it('at the entry below when that is the latest', async () => {
    const result = await sync({ ...(await fork()), 'upstream-tag': 'debian/1.1-2' })
    expect(debianDates(result).slice(0, 2)).toEqual([
      'Sun, 06 May 2029 08:00:00 +0000',
      'Sun, 06 May 2029 08:00:00 +0000',
    ])
  })

  it('at the newest carried commit when that is the latest; the same on a rebuild', async () => {
    const inputs = { ...(await fork({ date: '2031-07-08T09:10:11Z' })), 'upstream-tag': 'debian/1.1-2' }
    const first = await sync(inputs)
    expect(debianDates(first)[0]).toBe('Tue, 08 Jul 2031 09:10:11 +0000')
    const again = await runAction({ ...inputs, mode: 'build', 'output-dir': await tempDir('pc-out-') })
    expect(again.outputs.version).toBe(first.outputs.version)
    expect(debianDates(again)[0]).toBe('Tue, 08 Jul 2031 09:10:11 +0000')
  })
})

describe('RPM: the new %changelog entry is dated', () => {
  /** The %changelog headers of the built spec, newest first. */
  const rpmDates = async (result: ActionRun): Promise<string[]> =>
    [...(await readFile(builtFile(result, '.spec'), 'utf8')).matchAll(/^\* (\w{3} \w{3} \d\d \d{4}) /gm)].map(
      (match) => match[1]!,
    )

  it('at the upstream release (its tag), not at the older downstream commits', async () => {
    const upstream = await makePlainUpstream()
    await upstream.release(['v1.0'], qmailSources('1.0'))
    const fork = await makeRpmFork(upstream, 'v1.0', qmailPackaging('1.0'), [
      ['Drop the IDLE debounce', noDebounce('1.0')],
    ])
    await upstream.release(['v1.1'], qmailSources('1.1'))
    await annotateAt(upstream.work, upstream.bare, 'v1.1', '2027-03-04T12:00:00Z')
    const result = await sync({ 'remote-url': fork.url, 'upstream-url': upstream.url, 'upstream-tags': 'v*' })
    expect((await rpmDates(result)).slice(0, 2)).toEqual(['Thu Mar 04 2027', 'Thu Jan 01 2026'])
  })

  it('at the entry below when that is the latest', async () => {
    const upstream = await makePlainUpstream()
    await upstream.release(['v1.0'], qmailSources('1.0'))
    const spec = qmailPackaging('1.0')
    spec['qmail.spec'] = spec['qmail.spec']!.replace('* Thu Jan 01 2026', '* Sun May 06 2029')
    const fork = await makeRpmFork(upstream, 'v1.0', spec)
    await upstream.release(['v1.1'], qmailSources('1.1'))
    const result = await sync({ 'remote-url': fork.url, 'upstream-url': upstream.url, 'upstream-tags': 'v*' })
    expect((await rpmDates(result)).slice(0, 2)).toEqual(['Sun May 06 2029', 'Sun May 06 2029'])
  })
})
