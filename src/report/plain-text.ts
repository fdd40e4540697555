/**
 * The job summary for a terminal: the Markdown escapes that keep untrusted text literal on GitHub
 * (backslashes before punctuation, word joiners after `@` and `#`) are noise there.
 */
export function plainText(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u2060/g, '')
}
