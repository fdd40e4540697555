import { afterEach, describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../support/action.js'
import { makePinnedFork, patches, quiltPatch, type PinnedFork } from '../support/backport-fixtures.js'
import { git } from '../support/git.js'
import { filesContaining, pushAsPerson, serveOnGitHub, type GitHubFork } from '../support/github-fork.js'
import { tempDir } from '../support/tmp.js'

const VERSION = '1:2.2.0-1+deb12u1'
const BRANCH = 'patch-carrier/backport/1%2.2.0-1+deb12u1'
const RECORD = 'refs/tags/patch-carrier/backported/1%2.2.0-1+deb12u1'

/** An upload with a patch that applies, one that does not (2.3 rewrote mail.c), and one that needs offsets. */
const conflicting = {
  version: VERSION,
  series:
    '01-debian-paths.patch\nCVE-2026-0001-auth.patch\nCVE-2026-0006-mail.patch\nCVE-2026-0002-imap.patch\n',
  patches: {
    'CVE-2026-0001-auth.patch': patches.auth,
    'CVE-2026-0006-mail.patch': patches.mail,
    'CVE-2026-0002-imap.patch': patches.imap,
  },
  changes: ['Fix CVE-2026-0001, CVE-2026-0002 and CVE-2026-0006.'],
}

/** The fix a person makes: the mail patch ported to 2.3's mail_deliver by hand. */
const mailFor23 = quiltPatch(
  'Description: Check the descriptor before delivering (CVE-2026-0006)\n Ported to 2.3.\n---',
  {
    path: 'src/mail.c',
    start: 1,
    before: ['/* mail */', 'int mail_deliver(int fd, int flags) {'],
    from: '  return deliver_v2(fd, flags);',
    to: '  return fd < 0 ? -1 : deliver_v2(fd, flags);',
    after: ['}'],
  },
)

interface Scenario {
  pinned: PinnedFork
  github: GitHubFork
  workDir: string
  runs: ActionRun[]
  backport(inputs?: Record<string, string>): Promise<ActionRun>
}

let current: Scenario | undefined
afterEach(async () => {
  if (!current) return
  const { github, runs, workDir } = current
  current = undefined
  await github.close()
  expect(github.api.violations()).toEqual([])
  // the token is in no log, output, summary or file of the work directory
  for (const run of runs) expect(run.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(github.token)
  expect(await filesContaining(workDir, github.token)).toEqual([])
})

async function scenario(): Promise<Scenario> {
  const pinned = await makePinnedFork()
  await pinned.securityRelease(conflicting)
  const github = await serveOnGitHub(pinned.fork)
  const workDir = await tempDir('pc-work-')
  const runs: ActionRun[] = []
  current = {
    pinned,
    github,
    workDir,
    runs,
    backport: async (inputs = {}) => {
      const run = await runAction(
        {
          ...github.inputs,
          mode: 'backport',
          'upstream-url': pinned.upstream.url,
          'upstream-tags': 'debian/1%2.2.0-1+deb12u*',
          'backport-from': 'debian/1%2.2.0-1',
          'output-dir': await tempDir('pc-out-'),
          'work-dir': workDir,
          ...inputs,
        },
        github.env,
      )
      runs.push(run)
      expect(run.code, run.stdout + run.stderr).toBe(0)
      return run
    },
  }
  return current
}

/** A pull request body as a person reads it (Markdown escapes removed). */
const readable = (markdown: string): string =>
  markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u2060/g, '')

const creates = (github: GitHubFork): number =>
  github.api.requests().filter((request) => request.operationId === 'pulls/create').length

describe('a patch that does not apply goes to one pull request', () => {
  it('commits what applied on the backport branch, keeps the pull request, and adopts a person’s fix', async () => {
    const { pinned, github, backport } = await scenario()
    const mainBefore = await pinned.fork.head()
    const refsBefore = await pinned.fork.refs()
    const dry = await backport({ 'dry-run': 'true' })
    expect(dry.outputs.result).toBe('conflict')
    expect(dry.summary).toContain(`open or update the pull request ${BRANCH} → main`)
    expect(await pinned.fork.refs()).toEqual(refsBefore)
    expect(github.api.pulls()).toEqual([])
    const first = await backport()
    expect(first.outputs).toMatchObject({
      result: 'conflict',
      'pull-request-number': '1',
      'pull-request-operation': 'created',
    })
    expect(first.stdout).toMatch(/::warning .*file=src\/mail\.c/)
    let refs = await pinned.fork.refs()
    expect(refs.get('refs/heads/main')).toBe(mainBefore)
    expect(refs.has(RECORD)).toBe(false)
    const pushed = refs.get(`refs/heads/${BRANCH}`)!
    expect(await git(pinned.fork.bare, 'log', '--format=%s', `${mainBefore}..${pushed}`)).toBe(
      [
        `Add CVE-2026-0006-mail.patch from ${VERSION} as it is: it does not apply yet`,
        `Backport CVE-2026-0001, CVE-2026-0002 from ${VERSION}`,
      ].join('\n'),
    )
    // the failing patch sits at the end of the series, after those that applied, for `quilt push -f`
    expect(await git(pinned.fork.bare, 'show', `${pushed}:debian/patches/series`)).toBe(
      '01-debian-paths.patch\nCVE-2026-0001-auth.patch\nCVE-2026-0002-imap.patch\nfast.patch\nsieve-limit.patch\nCVE-2026-0006-mail.patch',
    )
    const [pull] = github.api.pulls()
    expect(pull).toMatchObject({
      number: 1,
      state: 'open',
      head: { ref: BRANCH },
      base: { ref: 'main' },
      labels: [{ name: 'patch-carrier' }],
    })
    expect(pull!.title).toBe(`patch-carrier: backport of ${VERSION} onto main needs a person (CVE-2026-0006)`)
    expect(readable(pull!.body ?? '')).toContain('- CVE-2026-0006-mail.patch (CVE-2026-0006): does not apply')
    expect(pull!.body).toContain('-  return write_mail(fd);')
    expect(pull!.body).toContain('quilt push -f')
    expect(pull!.body).toContain('quilt refresh')
    expect(pull!.body).toContain(`git push origin HEAD:refs/heads/${BRANCH}`)

    // re-runs: the same pull request, nothing pushed
    for (let run = 0; run < 4; run++) {
      const again = await backport()
      expect(again.outputs).toMatchObject({ result: 'conflict', 'pull-request-number': '1' })
    }
    expect(await pinned.fork.refs()).toEqual(refs)
    expect(github.api.pulls()).toHaveLength(1)
    expect(creates(github)).toBe(1)

    // a person ports the hunk by hand on the pull request branch; the next run takes it
    const fix = await pushAsPerson(pinned.fork, BRANCH, 'Refresh CVE-2026-0006-mail.patch for main', {
      'debian/patches/CVE-2026-0006-mail.patch': mailFor23,
    })
    const adopted = await backport()
    expect(adopted.outputs).toMatchObject({
      result: 'updated',
      version: '1:2.3.0-1+carrier1',
      'pull-request-number': '1',
      'pull-request-operation': 'closed',
    })
    refs = await pinned.fork.refs()
    expect(refs.get('refs/heads/main')).toBe(fix)
    expect(refs.get(RECORD)).toBe(fix)
    expect(refs.has(`refs/heads/${BRANCH}`)).toBe(false)
    expect(github.api.pulls()[0]!.state).toBe('closed')
    expect(github.api.comments(1)[0]!.body).toContain('took the port pushed here')

    // then quiet: refs only, no API call
    const requests = github.api.requests().length
    expect((await backport()).outputs.result).toBe('up-to-date')
    expect(github.api.requests()).toHaveLength(requests)
  })

  it('never overwrites a person’s push it cannot take, and says why once', async () => {
    const { pinned, github, backport } = await scenario()
    await backport()
    // work in progress: the patch still does not apply
    const wip = await pushAsPerson(pinned.fork, BRANCH, 'WIP: looking at mail.c', {
      NOTES: 'mail_deliver changed in 2.3\n',
    })
    for (let run = 0; run < 2; run++) {
      const held = await backport()
      expect(held.outputs).toMatchObject({ result: 'conflict', 'pull-request-number': '1', commit: wip })
    }
    expect((await pinned.fork.refs()).get(`refs/heads/${BRANCH}`)).toBe(wip)
    const comments = github.api.comments(1)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain(
      'still has a patch that does not apply at fuzz 0 (CVE-2026-0006-mail.patch)',
    )
    expect(github.api.pulls()).toHaveLength(1)
  })

  it('does not reopen a pull request a person closed without merging', async () => {
    const { pinned, github, backport } = await scenario()
    await backport()
    const closed = await fetch(`${github.env.GITHUB_API_URL}/repos/mail-org/dovecot/pulls/1`, {
      method: 'PATCH',
      headers: { authorization: `token ${github.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'closed' }),
    })
    expect(closed.status).toBe(200)
    const mainBefore = await pinned.fork.head()
    const next = await backport()
    expect(next.outputs.result).toBe('updated')
    expect(next.summary).toContain('pull request #1 was closed without merging: not ported, not opened again')
    expect((await pinned.fork.refs()).get(RECORD)).toBe(mainBefore)
    expect((await backport()).outputs.result).toBe('up-to-date')
    expect(github.api.pulls()).toHaveLength(1)
    expect(creates(github)).toBe(1)
  })

  it('takes a merged pull request as the port', async () => {
    const { pinned, github, backport } = await scenario()
    await backport()
    await pushAsPerson(pinned.fork, BRANCH, 'Refresh CVE-2026-0006-mail.patch for main', {
      'debian/patches/CVE-2026-0006-mail.patch': mailFor23,
    })
    const merged = await github.merge(1)
    const run = await backport()
    expect(run.outputs).toMatchObject({ result: 'updated', version: '1:2.3.0-1+carrier1', commit: merged })
    const refs = await pinned.fork.refs()
    expect(refs.get('refs/heads/main')).toBe(merged)
    expect(refs.get(RECORD)).toBeDefined()
    expect(refs.get('refs/tags/patch-carrier/build/1%2.3.0-1+carrier1')).toBe(merged)
    expect(refs.has(`refs/heads/${BRANCH}`)).toBe(false)
  })

  it('takes a squash-merged pull request as the port, and opens none again', async () => {
    const { pinned, github, backport } = await scenario()
    await backport()
    const fixed = await pushAsPerson(pinned.fork, BRANCH, 'Refresh CVE-2026-0006-mail.patch for main', {
      'debian/patches/CVE-2026-0006-mail.patch': mailFor23,
    })
    // GitHub's squash: one new commit on main with the branch's tree; the branch stays
    const tree = await git(pinned.fork.bare, 'rev-parse', `${fixed}^{tree}`)
    const squashed = await git(
      pinned.fork.bare,
      'commit-tree',
      tree,
      '-p',
      'refs/heads/main',
      '-m',
      'Backport (#1)',
    )
    await git(pinned.fork.bare, 'update-ref', 'refs/heads/main', squashed)
    github.api.merge(1)
    const run = await backport()
    expect(run.outputs).toMatchObject({ result: 'updated', version: '1:2.3.0-1+carrier1', commit: squashed })
    expect(run.summary).toContain('its pull request #1 was merged')
    const refs = await pinned.fork.refs()
    expect(refs.get(RECORD)).toBe(squashed)
    expect(refs.has(`refs/heads/${BRANCH}`)).toBe(false)
    expect((await backport()).outputs.result).toBe('up-to-date')
    expect(github.api.pulls()).toHaveLength(1)
  })
})
