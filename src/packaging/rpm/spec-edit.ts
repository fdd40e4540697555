import { preambleRange, sectionRange } from './spec-sections.js'

/**
 * Sets the main package's `Version:`. When its value is a single macro defined in the spec
 * (`%global upstream_version 1.0`), the definition changes instead, so every use of it follows.
 */
export function setVersion(spec: string, version: string): string {
  const lines = spec.split('\n')
  const tagLines = preambleLines(lines, /^Version\s*:/i)
  if (tagLines.length === 0) throw new Error('the spec has no Version: tag')
  for (const index of tagLines) {
    const value = valueOf(lines[index]!)
    const macro = /^%\{?([A-Za-z_]\w*)\}?$/.exec(value)?.[1]
    const definition = macro
      ? lines.findIndex((line) => new RegExp(`^%(global|define)\\s+${macro}\\s`).test(line))
      : -1
    if (definition >= 0) lines[definition] = lines[definition]!.replace(/^(%\w+\s+\w+\s+).*$/, `$1${version}`)
    else lines[index] = replaceValue(lines[index]!, version)
  }
  return lines.join('\n')
}

/** Sets the main package's `Release:`, keeping a trailing `%{?dist}`-style macro. */
export function setRelease(spec: string, release: string): string {
  const lines = spec.split('\n')
  const tagLines = preambleLines(lines, /^Release\s*:/i)
  if (tagLines.length === 0) throw new Error('the spec has no Release: tag')
  for (const index of tagLines) {
    const tail = /(%\{\?[^{}\s]+\})+$/.exec(valueOf(lines[index]!))?.[0] ?? ''
    lines[index] = replaceValue(lines[index]!, `${release}${tail}`)
  }
  return lines.join('\n')
}

/** How %prep applies patches: `%autosetup`/`%autopatch` (all of them), or `%setup` + one `%patch` line each. */
export type PatchStyle = { kind: 'auto'; line: string; level: number | undefined } | { kind: 'classic' }

export function patchStyle(spec: string): PatchStyle {
  const lines = spec.split('\n')
  const range = sectionRange(lines, 'prep')
  if (!range) throw new Error('the spec has no %prep section')
  const prep = lines.slice(...range)
  const auto = prep.find(
    (line) => /^%autopatch\b/.test(line) || (/^%autosetup\b/.test(line) && !/\s-N\b/.test(line)),
  )
  if (auto) {
    const level = /\s-p\s*(\d+)/.exec(auto)?.[1]
    return { kind: 'auto', line: auto.trim(), level: level === undefined ? undefined : Number(level) }
  }
  if (prep.some((line) => /^%setup\b/.test(line))) return { kind: 'classic' }
  throw new Error(
    "the spec's %prep has neither %setup nor %autosetup: patch-carrier cannot tell where to apply patches",
  )
}

/**
 * Adds `-p1` patches: a `PatchN:` line each after the last Patch (or Source) line, and with classic
 * `%setup` + `%patch`, a `%patch -P N -p1` line each after the last %patch (or the %setup) line.
 * `%autosetup -p1` / `%autopatch -p1` apply them without more.
 */
export function addPatches(
  spec: string,
  patches: readonly { number: number; file: string }[],
  comment: string,
): string {
  if (patches.length === 0) return spec
  const style = patchStyle(spec)
  if (style.kind === 'auto' && style.level !== 1) {
    throw new Error(
      `the spec's %prep applies patches with "${style.line}", but downstream commits are exported as -p1 ` +
        'patches: add -p1 to it',
    )
  }
  const lines = spec.split('\n')
  const anchor =
    lastOf(preambleLines(lines, /^Patch\d*\s*:/i)) ?? lastOf(preambleLines(lines, /^Source\d*\s*:/i))
  if (anchor === undefined) throw new Error('the spec has no Source0: tag')
  lines.splice(
    anchor + 1,
    0,
    `# ${comment}`,
    ...patches.map((patch) => `Patch${patch.number}: ${patch.file}`),
  )
  if (style.kind === 'classic') {
    const [start, end] = sectionRange(lines, 'prep')!
    const prep = lines.slice(start, end)
    const after =
      lastOf(prep.flatMap((line, index) => (/^%patch/.test(line) ? [index] : []))) ??
      prep.findIndex((line) => /^%setup\b/.test(line))
    lines.splice(start + after + 1, 0, ...patches.map((patch) => `%patch -P ${patch.number} -p1`))
  }
  return lines.join('\n')
}

function preambleLines(lines: readonly string[], tag: RegExp): number[] {
  const [start, end] = preambleRange(lines)
  const found: number[] = []
  for (let index = start; index < end; index++) if (tag.test(lines[index]!)) found.push(index)
  return found
}

const lastOf = (indexes: readonly number[]): number | undefined => indexes[indexes.length - 1]

function valueOf(line: string): string {
  return line.slice(line.indexOf(':') + 1).trim()
}

function replaceValue(line: string, value: string): string {
  return line.replace(/^([^:]*:\s*).*$/, `$1${value.replace(/\$/g, '$$$$')}`)
}
