/** Section names of a spec file: a line starting with `%<name>` ends the preamble or the section before. */
const SECTIONS = [
  'package',
  'description',
  'prep',
  'generate_buildrequires',
  'conf',
  'build',
  'install',
  'check',
  'clean',
  'pretrans',
  'pre',
  'post',
  'preun',
  'postun',
  'posttrans',
  'preuntrans',
  'postuntrans',
  'verifyscript',
  'triggerprein',
  'triggerin',
  'triggerun',
  'triggerpostun',
  'filetriggerin',
  'filetriggerun',
  'filetriggerpostun',
  'transfiletriggerin',
  'transfiletriggerun',
  'transfiletriggerpostun',
  'files',
  'changelog',
  'sourcelist',
  'patchlist',
]

const sectionLine = new RegExp(`^%(${SECTIONS.join('|')})(\\s|$)`)

/** The section a line opens (`prep`, `files`, …), or undefined for any other line. */
export function sectionOf(line: string): string | undefined {
  return sectionLine.exec(line)?.[1]
}

/** Line indexes [start, end) of the main package's preamble: everything before the first section. */
export function preambleRange(lines: readonly string[]): [number, number] {
  const end = lines.findIndex((line) => sectionOf(line) !== undefined)
  return [0, end < 0 ? lines.length : end]
}

/** Line indexes [start, end) of the body of the first `%<name>` section (after its header line). */
export function sectionRange(lines: readonly string[], name: string): [number, number] | undefined {
  const header = lines.findIndex((line) => sectionOf(line) === name)
  if (header < 0) return undefined
  const next = lines.findIndex((line, index) => index > header && sectionOf(line) !== undefined)
  return [header + 1, next < 0 ? lines.length : next]
}
