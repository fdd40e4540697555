import { execFileSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeRpmFork, qmailPackaging, qmailSources } from '../packaging/rpm/fixtures.js'
import { runAction } from '../support/action.js'
import { carrierScenario } from '../support/github-scenario.js'
import { git } from '../support/git.js'
import { makePlainUpstream } from '../support/plain-fixtures.js'

/**
 * What a conflict report quotes is about the patch that failed: for a quilt patch, the hunks patch
 * rejected (what `quilt push -f` leaves in `*.rej`), in the job summary and in the pull request; for a
 * spec patch, patch's words about it, not the listing `tar` printed while %setup unpacked the sources.
 */

describe('the conflict report of a patch that no longer applies', () => {
  it('a quilt patch: the summary and the pull request show the rejected hunk itself', async () => {
    const s = await carrierScenario('patch-conflict')
    try {
      const run = await s.sync()
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs.result).toBe('conflict')
      // fast.patch's one hunk, as patch rejected it: its header and its - and + lines
      const rejected = [
        '--- main.c',
        '+++ main.c',
        '@@ -1,5 +1,5 @@',
        ' #include <stdio.h>',
        ' int main(void) {',
        '-  puts("hello");',
        '+  puts("hello, fast");',
      ].join('\n')
      expect(run.summary).toContain(`- \`main.c\`\n\n\`\`\`diff\n${rejected}`)
      // patch's words name the reject file quilt would write, not a scratch file of the run
      expect(run.summary).toContain('1 out of 1 hunk FAILED -- saving rejects to file main.c.rej\n')
      const [pull] = s.github.api.pulls()
      expect(pull?.body).toContain(rejected)
    } finally {
      await s.close()
    }
  })

  it('a spec patch after %setup -a unpacked two tarballs verbosely: patch’s words only', async () => {
    const upstream = await makePlainUpstream()
    await upstream.release(['v1.0'], qmailSources('1.0'))
    const packaging = qmailPackaging('1.0')
    // a second source tarball unpacked into the tree; without -q, %setup lists every file it unpacks
    packaging['qmail.spec'] = packaging['qmail.spec']!.replace(
      'Source1: qmail.init\n',
      'Source1: qmail.init\nSource2: extra.tar\n',
    ).replace('%setup -q\n', '%setup -a 2\n')
    const fork = await makeRpmFork(upstream, 'v1.0', packaging)
    const extra = join(fork.work, 'extra')
    execFileSync('mkdir', ['-p', join(extra, 'extra')])
    await writeFile(join(extra, 'extra', 'notes.txt'), 'extra source\n')
    execFileSync('tar', ['--mtime=2026-01-01', '-cf', join(fork.work, 'extra.tar'), '-C', extra, 'extra'])
    execFileSync('rm', ['-r', extra])
    await git(fork.work, 'add', 'extra.tar')
    await git(fork.work, 'commit', '-q', '-m', 'Add the extra source')
    await git(fork.work, 'push', '-q', fork.bare, 'HEAD:refs/heads/main')
    const sources = qmailSources('1.1')
    await upstream.release(['v1.1'], {
      ...sources,
      'install.c': sources['install.c']!.replace('stdio', 'unistd'),
    })

    const run = await runAction({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'v*',
    })
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs.result).toBe('conflict')
    const quoted = /Patch `qmail-install\.patch` does not apply with fuzz 0\.\n\n```\n([\s\S]*?)\n```/.exec(
      run.summary,
    )?.[1]
    expect(quoted).toBe(
      [
        'patching file install.c',
        'Hunk #1 FAILED at 1.',
        '1 out of 1 hunk FAILED -- saving rejects to file install.c.rej',
      ].join('\n'),
    )
    // and the rejected hunk from install.c.rej under the file
    expect(run.summary).toContain('- `install.c`\n\n```diff\n--- install.c\n+++ install.c\n@@ -1,4 +1,4 @@')
  })
})
