import { describe, expect, it } from 'vitest'
import { renderConflictBody, renderConflictTitle, type ConflictBodyInput } from '../../src/github/body.js'
import { codeSpan, escapeInline, fencedBlock } from '../../src/github/markdown.js'
import { parseConflictMarker, renderConflictMarker } from '../../src/github/marker.js'

const hostile =
  '@octocat <script>alert(1)</script> [click](https://evil.example/x) ![i](x) `tick` **b** #12 www.evil.example @org/team'

function input(overrides: Partial<ConflictBodyInput> = {}): ConflictBodyInput {
  return {
    upstreamTag: 'debian/1%2.3.21+dfsg1-3',
    previousTag: 'debian/1%2.3.19.1+dfsg1-2',
    branch: 'main',
    failed: { kind: 'commit', commit: { sha: '0123456789abcdef0123456789abcdef01234567', subject: hostile } },
    files: [
      {
        path: 'src/imap/cmd-idle.c',
        hunks: '@@ -1,3 +1,3 @@\n<<<<<<< HEAD\n-a\n=======\n+b\n>>>>>>> 0123456\n',
      },
    ],
    remaining: [
      {
        sha: 'fedcba9876543210fedcba9876543210fedcba98',
        subject: "Fix @alice's <img src=x onerror=alert(1)> bug",
      },
    ],
    commands: ['git fetch origin patch-carrier/rebase/debian/1%2.3.21+dfsg1-3', 'git rebase --continue'],
    ...overrides,
  }
}

/** Fenced code blocks and the text outside them (where GitHub would interpret Markdown). */
function outsideFences(markdown: string): string {
  const lines = markdown.split('\n')
  const out: string[] = []
  let fence: string | undefined
  for (const line of lines) {
    const open = /^(`{3,})/.exec(line)
    if (fence === undefined && open?.[1]) fence = open[1]
    else if (fence !== undefined && line === fence) fence = undefined
    else if (fence === undefined) out.push(line)
  }
  expect(fence).toBeUndefined() // every fence closed
  return out.join('\n')
}

/** Text outside code spans: a backtick run opens one, the next run of the same length closes it. */
function outsideCode(text: string): string {
  let out = ''
  let rest = text
  for (;;) {
    const open = /(?<!\\)`+/.exec(rest)
    if (!open) return out + rest
    const after = rest.slice(open.index + open[0].length)
    const close = new RegExp(`(?<!\`)${open[0]}(?!\`)`).exec(after)
    if (!close) return out + rest
    out += rest.slice(0, open.index)
    rest = after.slice(close.index + open[0].length)
  }
}

describe('conflict pull request body', () => {
  it('names the failed commit, the files with hunks, the commands and the remaining commits', () => {
    const body = renderConflictBody(input())
    expect(
      body.startsWith(
        '<!-- patch-carrier:conflict upstream-tag=debian%2F1%252.3.21%2Bdfsg1-3 branch=main -->',
      ),
    ).toBe(true)
    expect(body).toContain('**Failed commit:** `0123456789ab`')
    expect(body).toContain('#### `src/imap/cmd-idle.c`\n\n```diff\n@@ -1,3 +1,3 @@\n<<<<<<< HEAD')
    expect(body).toContain(
      '```sh\ngit fetch origin patch-carrier/rebase/debian/1%2.3.21+dfsg1-3\ngit rebase --continue\n```',
    )
    expect(body).toContain('### Commits still to apply (1)\n\n1. `fedcba987654`')
    expect(parseConflictMarker(body)).toEqual({ upstreamTag: 'debian/1%2.3.21+dfsg1-3', branch: 'main' })
  })

  it('neutralises mentions, HTML, links, references and emphasis in untrusted subjects', () => {
    const body = renderConflictBody(input())
    const prose = outsideCode(outsideFences(body))
    expect(prose).not.toMatch(/@[A-Za-z]/) // no @mention can form
    expect(prose).not.toMatch(/#\d/) // no issue cross-reference
    expect(prose).not.toMatch(/(^|[^\\])<(script|img)/i) // no HTML tag (an escaped \< is literal)
    expect(prose).not.toMatch(/(^|[^\\])\]\(|https?:|www\./) // no link, no autolink
    const escaped = escapeInline(hostile)
    expect(escaped).not.toMatch(/(^|[^\\])[*_`[\]<>!]/) // every Markdown-active character is escaped
    expect(escaped.replace(/\\(.)/g, '$1').replace(/\u2060/g, '')).toBe(hostile) // nothing lost when rendered
  })

  it('chooses fences and code spans longer than any backtick run in untrusted text', () => {
    const hunks = 'a ```` b\n```\nconst s = `x`\n'
    const block = fencedBlock(hunks, 'diff')
    expect(block.startsWith('`````diff\n')).toBe(true)
    expect(block.endsWith('\n`````')).toBe(true)
    expect(codeSpan('a``b')).toBe('```a``b```')
    expect(codeSpan('`start')).toBe('`` `start ``')
    expect(codeSpan('two\nlines')).toBe('`two lines`')
    const body = renderConflictBody(input({ files: [{ path: 'we`ird\n<b>name', hunks }] }))
    expect(body).toContain('#### ``we`ird <b>name``')
    outsideFences(body) // all fences balanced
  })

  it('describes a failed quilt patch and keeps the marker intact for any tag name', () => {
    const tag = 'v1 --> <b>'.replace(' ', '-')
    const body = renderConflictBody(
      input({
        upstreamTag: tag,
        failed: { kind: 'patch', name: 'debian/patches/idle-*`.patch', output: '' },
      }),
    )
    expect(body).toContain('**Failed patch:** ``debian/patches/idle-*`.patch``')
    expect(body.split('\n')[0]).toBe(renderConflictMarker({ upstreamTag: tag, branch: 'main' }))
    expect(body.split('\n')[0]).not.toMatch(/-->.*-->/)
    expect(parseConflictMarker(body)?.upstreamTag).toBe(tag)
    expect(parseConflictMarker('no marker here')).toBeUndefined()
    expect(
      parseConflictMarker('<!-- patch-carrier:conflict upstream-tag=%E0%A4%A branch=x -->'),
    ).toBeUndefined()
  })

  it('stays under GitHub’s body limit with huge conflicts and many commits', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `+line ${i} ${'x'.repeat(40)}`).join('\n')
    const files = Array.from({ length: 300 }, (_, i) => ({ path: `dir/file-${i}.c`, hunks: big }))
    const remaining = Array.from({ length: 500 }, (_, i) => ({
      sha: `${i}`.padStart(40, '0'),
      subject: `commit ${i}`,
    }))
    const body = renderConflictBody(input({ files, remaining }))
    expect(body.length).toBeLessThanOrEqual(60_000)
    expect(body).toContain('### Conflicting files (300)')
    expect(body).toMatch(/\d+ more lines not shown/)
    expect(body).toContain('Hunks not shown')
    expect(body).toMatch(/- …and \d+ more\n/)
    expect(body).toContain('### Commits still to apply (500)')
    expect(body).toContain('…and 450 more.')
    outsideFences(body)
  })

  it('makes a one-line title', () => {
    expect(renderConflictTitle({ branch: 'main', upstreamTag: 'v2.4.1' })).toBe(
      'patch-carrier: conflict rebasing main onto v2.4.1',
    )
    expect(renderConflictTitle({ branch: 'main\nx', upstreamTag: 'v'.repeat(400) })).toMatch(
      /^patch-carrier: conflict rebasing main x onto v+…$/,
    )
    expect(renderConflictTitle({ branch: 'main', upstreamTag: 'v'.repeat(400) })).toHaveLength(256)
  })
})
