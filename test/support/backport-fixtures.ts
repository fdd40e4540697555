import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import {
  addDownstreamPatch,
  fastPatch,
  helloMainC,
  makeDebianUpstream,
  makeFork,
  type DebianUpstream,
  type Fork,
} from './debian-fixtures.js'
import { commitFiles, git } from './git.js'

/** A source file from its lines. */
const file = (...lines: string[]): string => `${lines.join('\n')}\n`

const imapLines = ['/* imap */', 'int imap_idle(int fd) {', '  int delay = 500;', '  return fd + delay;', '}']
/** pop3.c below its first line (2.3 reworded that one). */
const pop3Body = [
  'int pop3_read(char *buf, int len) {',
  '  int n = 0;',
  '  while (n < len) {',
  '    buf[n] = 0;',
  '    n++;',
  '  }',
  '  return n;',
  '}',
]

/** The 2.2-like upstream: the line Debian's stable release keeps and patches. */
export const source22: Record<string, string> = {
  'main.c': helloMainC('hello'),
  'src/config.h': file('#define PREFIX "/usr/local"', '#define LIMIT 10'),
  'src/auth.c': file(
    '/* auth */',
    '#include "config.h"',
    'int auth_check(const char *user) {',
    '  if (user == 0)',
    '    return -1;',
    '  return 0;',
    '}',
    'int auth_log(void) {',
    '  return 1;',
    '}',
  ),
  'src/imap.c': file(...imapLines),
  'src/pop3.c': file('/* pop3 */', ...pop3Body),
  'src/lmtp.c': file('/* lmtp */', 'int lmtp_size(int size) {', '  return size;', '}'),
  'src/sieve.c': file('/* sieve */', 'int sieve_limit(void) {', '  return 100;', '}'),
  'src/mail.c': file('/* mail */', 'int mail_deliver(int fd) {', '  return write_mail(fd);', '}'),
}

/** The 2.3-like upstream the fork is pinned to: lines moved, a context line reworded, a fix already in, a rewrite. */
export const source23: Record<string, string> = {
  ...source22,
  'src/imap.c': file('/* imap server, 2.3 */', '#include <unistd.h>', '', ...imapLines),
  'src/pop3.c': file('/* pop3 server */', ...pop3Body),
  'src/lmtp.c': file('/* lmtp */', 'int lmtp_size(int size) {', '  return size > 0 ? size : 0;', '}'),
  'src/mail.c': file(
    '/* mail */',
    'int mail_deliver(int fd, int flags) {',
    '  return deliver_v2(fd, flags);',
    '}',
  ),
}

export interface Hunk {
  path: string
  /** 1-based line of the first context line. */
  start: number
  before: string[]
  from: string
  to: string
  after: string[]
  /** The names on the `---`/`+++` lines (default a/<path>, b/<path>). */
  names?: [string, string]
}

/** A quilt patch: a header (DEP-3 or git's), then one hunk per entry. */
export function quiltPatch(header: string, ...hunks: Hunk[]): string {
  const body = hunks.flatMap((hunk) => {
    const count = hunk.before.length + 1 + hunk.after.length
    const [from, to] = hunk.names ?? [`a/${hunk.path}`, `b/${hunk.path}`]
    return [
      `--- ${from}`,
      `+++ ${to}`,
      `@@ -${hunk.start},${count} +${hunk.start},${count} @@`,
      ...hunk.before.map((line) => ` ${line}`),
      `-${hunk.from}`,
      `+${hunk.to}`,
      ...hunk.after.map((line) => ` ${line}`),
    ]
  })
  return `${header.replace(/\n*$/, '\n')}${body.join('\n')}\n`
}

const authLines = source22['src/auth.c']!.split('\n')

/** The hunk changing line `from` of `path` into `to`, between its context lines. */
function change(
  path: string,
  start: number,
  before: string[],
  [from, to]: [string, string],
  after: string[],
  names?: [string, string],
): Hunk {
  return { path, start, before, from, to, after, ...(names ? { names } : {}) }
}

/** The upstream fix of auth_check's test: its Description, upstream commit and new line. */
function authFix(description: string, commit: number, to: string): string {
  return quiltPatch(
    `Description: ${description}\nOrigin: upstream, https://example.org/commit/${commit}\n---`,
    change('src/auth.c', 1, authLines.slice(0, 3), ['  if (user == 0)', to], authLines.slice(4, 7)),
  )
}

/** The patches of Debian's packaging of both lines, and what the security uploads of the 2.2 line add. */
export const patches = {
  paths: quiltPatch(
    'Description: Debian paths\nForwarded: not-needed\n---',
    change(
      'src/config.h',
      1,
      [],
      ['#define PREFIX "/usr/local"', '#define PREFIX "/usr"'],
      ['#define LIMIT 10'],
    ),
  ),
  /** Applies to the fork at fuzz 0. */
  auth: authFix('Reject empty user names (CVE-2026-0001)', 1, '  if (user == 0 || *user == 0)'),
  /** A second version of the fix, in a later upload. */
  auth2: authFix(
    'Reject empty and option-like user names (CVE-2026-0001)',
    3,
    "  if (user == 0 || *user == 0 || *user == '-')",
  ),
  /** Needs offsets: 2.3 has three more lines above it. */
  imap: quiltPatch(
    'Subject: IDLE delay overflow\nBug: https://security-tracker.debian.org/tracker/CVE-2026-0002',
    change(
      'src/imap.c',
      1,
      ['/* imap */', 'int imap_idle(int fd) {'],
      ['  int delay = 500;', '  int delay = 0;'],
      ['  return fd + delay;', '}'],
    ),
  ),
  /** Needs fuzz: 2.3 reworded its first context line. */
  pop3: quiltPatch(
    'Description: POP3 read overrun\n Fixes CVE-2026-0003.\nAuthor: Security Team <team@security.debian.org>\n---',
    change(
      'src/pop3.c',
      1,
      ['/* pop3 */', 'int pop3_read(char *buf, int len) {', '  int n = 0;'],
      ['  while (n < len) {', '  while (n < len - 1) {'],
      ['    buf[n] = 0;', '    n++;', '  }'],
    ),
  ),
  /** A -p0 patch (dpkg-source would apply it with -p1 and fail). */
  authLog: quiltPatch(
    'Description: log auth failures',
    change(
      'src/auth.c',
      6,
      ['  return 0;', '}', 'int auth_log(void) {'],
      ['  return 1;', '  return 2;'],
      ['}'],
      ['src/auth.c.orig', 'src/auth.c'],
    ),
  ),
  /** 2.3 already has this fix: it applies in reverse. Its CVE id is only in the changelog. */
  lmtp: quiltPatch(
    'Description: LMTP size check\n---',
    change(
      'src/lmtp.c',
      1,
      ['/* lmtp */', 'int lmtp_size(int size) {'],
      ['  return size;', '  return size > 0 ? size : 0;'],
      ['}'],
    ),
  ),
  /** The same change as the fork's own sieve-limit.patch, with other context, names and header. */
  sieve: quiltPatch(
    'Description: Limit sieve recursion\nBug: https://security-tracker.debian.org/tracker/CVE-2026-0005\n---',
    change(
      'src/sieve.c',
      2,
      ['int sieve_limit(void) {'],
      ['  return 100;', '  return 10;'],
      ['}'],
      ['dove-2.2.0.orig/src/sieve.c', 'dove-2.2.0/src/sieve.c'],
    ),
  ),
  /** 2.3 rewrote the function: does not apply at all. */
  mail: quiltPatch(
    'Description: Check the descriptor before delivering (CVE-2026-0006)\n---',
    change(
      'src/mail.c',
      1,
      ['/* mail */', 'int mail_deliver(int fd) {'],
      ['  return write_mail(fd);', '  return fd < 0 ? -1 : write_mail(fd);'],
      ['}'],
    ),
  ),
  /** Applies at fuzz 0 after the others (a later upload). */
  lmtpAuth: quiltPatch(
    'Description: LMTP authentication (CVE-2026-0007)\n---',
    change(
      'src/lmtp.c',
      1,
      [],
      ['/* lmtp */', '/* lmtp, authenticated */'],
      ['int lmtp_size(int size) {', '  return size > 0 ? size : 0;', '}'],
    ),
  ),
}

/** The fork's own change, the same as the CVE-2026-0005 fix but in git's format. */
export const sieveLimitPatch = `From: Mail Org <dev@mail.example>\nSubject: Lower the sieve limit\n\ndiff --git a/src/sieve.c b/src/sieve.c\nindex 1111111..2222222 100644\n${quiltPatch('', change('src/sieve.c', 1, ['/* sieve */', 'int sieve_limit(void) {'], ['  return 100;', '  return 10;'], ['}'])).replace(/^\n/, '')}`

export interface PinnedFork {
  upstream: DebianUpstream
  fork: Fork
  /** Adds a security upload of the 2.2 line: series, patches, a changelog entry; tagged DEP-14. */
  securityRelease(release: SecurityRelease): Promise<void>
}

export interface SecurityRelease {
  version: string
  /** The whole debian/patches/series text. */
  series: string
  /** debian/patches/<name> → content (others stay as they were). */
  patches: Record<string, string>
  /** The change lines of the changelog entry. */
  changes: string[]
}

/**
 * Debian's packaging of a 2.2-like (`1:2.2.0-1`) and a 2.3-like (`1:2.3.0-1`) upstream on salsa-like DEP-14
 * tags, and a fork pinned to `debian/1%2.3.0-1` carrying fast.patch and sieve-limit.patch. Security uploads
 * of the 2.2 line go on a `debian/bookworm` branch.
 */
export async function makePinnedFork(): Promise<PinnedFork> {
  const upstream = await makeDebianUpstream({ source: 'dove' })
  await upstream.release({
    version: '1:2.2.0-1',
    source: source22,
    patches: { '01-debian-paths.patch': patches.paths },
  })
  await upstream.release({
    version: '1:2.3.0-1',
    source: source23,
    patches: { '01-debian-paths.patch': patches.paths },
  })
  const fork = await makeFork(upstream.url, 'debian/1%2.3.0-1')
  await addDownstreamPatch(fork, 'fast.patch', fastPatch)
  await addDownstreamPatch(fork, 'sieve-limit.patch', sieveLimitPatch)
  const work = upstream.work
  return {
    upstream,
    fork,
    async securityRelease(release) {
      const exists = await run('git', ['rev-parse', '--verify', '--quiet', 'refs/heads/debian/bookworm'], {
        cwd: work,
        okCodes: [0, 1],
      })
      if (exists.code === 0) await git(work, 'checkout', '-q', 'debian/bookworm')
      else await git(work, 'checkout', '-q', '-b', 'debian/bookworm', 'refs/tags/debian/1%2.2.0-1')
      const changelog = await readFile(join(work, 'debian/changelog'), 'utf8')
      const entry = `dove (${release.version}) bookworm-security; urgency=high\n\n${release.changes.map((line) => `  * ${line}`).join('\n')}\n\n -- Security Team <team@security.debian.org>  Thu, 05 Feb 2026 00:00:00 +0000\n\n`
      await commitFiles(work, `Security upload ${release.version}`, {
        'debian/changelog': entry + changelog,
        'debian/patches/series': release.series,
        ...Object.fromEntries(
          Object.entries(release.patches).map(([name, text]) => [`debian/patches/${name}`, text]),
        ),
      })
      await git(work, 'tag', `debian/${release.version.replace(/:/g, '%').replace(/~/g, '_')}`)
      await git(work, 'push', '-q', '--force', upstream.bare, '--all')
      await git(work, 'push', '-q', '--force', upstream.bare, '--tags')
    },
  }
}

/** The series of the first security upload: comments, blank lines, a -p1 and a -p0 option. */
export const firstUploadSeries = `# Debian changes
01-debian-paths.patch

# Security fixes for bookworm
CVE-2026-0001-auth.patch
CVE-2026-0002-imap.patch -p1
CVE-2026-0003-pop3.patch
auth-log.patch -p0
lmtp-overflow.patch
CVE-2026-0005-sieve.patch
`

export const firstUpload: SecurityRelease = {
  version: '1:2.2.0-1+deb12u1',
  series: firstUploadSeries,
  patches: {
    'CVE-2026-0001-auth.patch': patches.auth,
    'CVE-2026-0002-imap.patch': patches.imap,
    'CVE-2026-0003-pop3.patch': patches.pop3,
    'auth-log.patch': patches.authLog,
    'lmtp-overflow.patch': patches.lmtp,
    'CVE-2026-0005-sieve.patch': patches.sieve,
  },
  changes: [
    'Non-maintainer upload by the Security Team.',
    'Fix CVE-2026-0001, CVE-2026-0002 and CVE-2026-0003.',
    'lmtp-overflow.patch: fix CVE-2026-0004.',
    'Also fixes CVE-2026-0010 in the same code paths.',
  ],
}
