/**
 * Helpers that put UNTRUSTED text (commit subjects, file names, tag names, hunks) into GitHub Markdown
 * so that it renders literally: no HTML, no links, no @mentions, no issue cross-references.
 */

/** A word joiner: invisible, not a space; breaks GitHub's mention/reference/autolink patterns. */
const JOINER = '\u2060'

/** Characters that reorder text visually (bidi controls, "Trojan source") or cannot appear in a body. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000\u202a-\u202e\u2066-\u2069]/g

/** Control characters (newlines included) that would break an inline context. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]+/g

/** Makes text one line: every run of control characters (newlines, tabs) becomes one space. */
function oneLine(text: string): string {
  return text.replace(UNSAFE, '\ufffd').replace(CONTROL, ' ')
}

/**
 * Escapes text for inline Markdown: every ASCII punctuation character gets a backslash (CommonMark
 * treats each as a literal), and a word joiner goes after `@` and `#` and inside `://` and `www.` so
 * GitHub creates no mention, team mention, issue reference or autolink from it.
 */
export function escapeInline(text: string): string {
  return oneLine(text)
    .replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`)
    .replace(/\\([@#])/g, `\\$1${JOINER}`)
    .replace(/\\:\\\/\\\//g, `\\:${JOINER}\\/\\/`)
    .replace(/\b(w)(ww\\\.)/gi, `$1${JOINER}$2`)
}

/** Longest run of `char` in text. */
export function longestRun(text: string, char: string): number {
  let longest = 0
  let current = 0
  for (const c of text) {
    current = c === char ? current + 1 : 0
    if (current > longest) longest = current
  }
  return longest
}

/**
 * Renders text as an inline code span: literal in every respect (GitHub processes no mention or link
 * inside code). The backtick fence is longer than any backtick run inside; padding keeps leading or
 * trailing backticks and spaces intact.
 */
export function codeSpan(text: string): string {
  const content = oneLine(text)
  if (content === '') return '` `'
  const fence = '`'.repeat(longestRun(content, '`') + 1)
  const pad = /^[` ]|[` ]$/.test(content) ? ' ' : ''
  return `${fence}${pad}${content}${pad}${fence}`
}

/**
 * Renders a fenced code block whose fence is longer than any backtick run in the content, so the content
 * cannot close it. `info` is the language tag (trusted, e.g. `diff`, `sh`).
 */
export function fencedBlock(content: string, info = ''): string {
  const text = content.replace(UNSAFE, '\ufffd').replace(/\r\n?/g, '\n').replace(/\n$/, '')
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1))
  return `${fence}${info}\n${text}\n${fence}`
}
