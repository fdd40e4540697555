import { describe, expect, it } from 'vitest'
import { commitUrl, markdownHref, obsPackageUrl, obsWebUrl, summaryContext } from '../../src/report/links.js'
import { emptyReport } from '../../src/pipeline/report.js'
import { parseSettings } from '../../src/action/settings.js'
import { renderSummary } from '../../src/report/summary.js'

const sha = 'a'.repeat(40)

describe('summary links', () => {
  it('derives the OBS web interface from obs-url', () => {
    expect(obsWebUrl('https://api.opensuse.org')).toBe('https://build.opensuse.org')
    expect(obsPackageUrl('https://api.opensuse.org', 'home:chatmail', 'dovecot')).toBe(
      'https://build.opensuse.org/package/show/home:chatmail/dovecot',
    )
    // a private instance serves both on one host (and maybe under a path)
    expect(obsWebUrl('https://obs.example.org/')).toBe('https://obs.example.org')
    expect(obsWebUrl('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000')
  })

  it('links commits on http(s) forks (GitHub, Forgejo, GitLab) and nowhere else', () => {
    expect(commitUrl('https://github.com/chatmail/dovecot.git', sha)).toBe(
      `https://github.com/chatmail/dovecot/commit/${sha}`,
    )
    expect(commitUrl('https://codeberg.org/me/dovecot/', sha)).toBe(
      `https://codeberg.org/me/dovecot/commit/${sha}`,
    )
    expect(commitUrl('file:///srv/fork.git', sha)).toBeUndefined()
    expect(commitUrl('git@github.com:me/dovecot.git', sha)).toBeUndefined()
    expect(commitUrl('https://github.com/me/dovecot.git', 'HEAD')).toBeUndefined()
  })

  it('puts Package, Commit, OBS package and Pull request links in the summary table', () => {
    const settings = parseSettings(
      (name) =>
        ({
          'remote-url': 'https://github.com/chatmail/dovecot.git',
          'upstream-url': 'https://salsa.debian.org/debian/dovecot.git',
          'obs-project': 'home:chatmail',
          'obs-package': 'dovecot',
          'obs-user': 'chatmail',
          'obs-password': 'x',
          package: 'dovecot',
        })[name] ?? '',
      {},
    )
    const report = {
      ...emptyReport('sync'),
      result: 'published' as const,
      commit: sha,
      obsRevision: '7',
      pullRequest: { number: 3, url: 'https://github.com/chatmail/dovecot/pull/3' },
    }
    const summary = renderSummary(report, summaryContext(settings, report))
    expect(summary).toContain('| Package | `dovecot` |')
    expect(summary).toContain(`| Commit | [\`${sha}\`](https://github.com/chatmail/dovecot/commit/${sha}) |`)
    expect(summary).toContain(
      '| OBS package | [home\\:chatmail\\/dovecot](https://build.opensuse.org/package/show/home:chatmail/dovecot) |',
    )
    expect(summary).toContain('| Pull request | [#3](https://github.com/chatmail/dovecot/pull/3) |')
    // a dry run pushed nothing: no link to a commit that is not on the fork
    const dry = parseSettings(
      (name) =>
        name === 'dry-run'
          ? 'true'
          : name === 'remote-url'
            ? 'https://github.com/a/b.git'
            : name === 'upstream-url'
              ? 'https://x/y.git'
              : '',
      {},
    )
    expect(summaryContext(dry, report).commitUrl).toBeUndefined()
  })

  it('makes URLs safe inside a Markdown link in a table cell', () => {
    expect(markdownHref('https://x.org/a b|c)(d<e>')).toBe('https://x.org/a%20b%7Cc%29%28d%3Ce%3E')
  })
})
