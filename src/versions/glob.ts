/** One element of a compiled glob; every element but `star` matches exactly one character. */
type Token =
  | { kind: 'star' }
  | { kind: 'one' }
  | { kind: 'literal'; char: string }
  | { kind: 'class'; negated: boolean; ranges: [string, string][] }

/** The class member character at `i` (a backslash quotes the next one) and the index after it. */
function member(chars: readonly string[], i: number): [string, number] {
  if (chars[i] === '\\' && i + 1 < chars.length) return [chars[i + 1] ?? '', i + 2]
  return [chars[i] ?? '', i + 1]
}

/** Parses a `[...]` class starting at the `[`; undefined when it is not closed, so `[` is literal. */
function parseClass(chars: readonly string[], start: number): { token: Token; next: number } | undefined {
  let i = start + 1
  const negated = chars[i] === '!' || chars[i] === '^'
  if (negated) i++
  const ranges: [string, string][] = []
  // A `]` right after the opening (or the negation) is a member, as in fnmatch.
  for (let first = true; i < chars.length && (first || chars[i] !== ']'); first = false) {
    const [low, afterLow] = member(chars, i)
    if (chars[afterLow] === '-' && afterLow + 1 < chars.length && chars[afterLow + 1] !== ']') {
      const [high, afterHigh] = member(chars, afterLow + 1)
      ranges.push([low, high])
      i = afterHigh
    } else {
      ranges.push([low, low])
      i = afterLow
    }
  }
  if (i >= chars.length) return undefined
  return { token: { kind: 'class', negated, ranges }, next: i + 1 }
}

/** Compiles a glob: `*` (anything, `/` included), `?` (one character), `[...]` classes, `\` quoting. */
function compile(glob: string): Token[] {
  const chars = Array.from(glob)
  const tokens: Token[] = []
  for (let i = 0; i < chars.length;) {
    const char = chars[i] ?? ''
    if (char === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' })
      i++
    } else if (char === '?') {
      tokens.push({ kind: 'one' })
      i++
    } else if (char === '[') {
      const parsed = parseClass(chars, i)
      tokens.push(parsed?.token ?? { kind: 'literal', char })
      i = parsed?.next ?? i + 1
    } else if (char === '\\' && i + 1 < chars.length) {
      tokens.push({ kind: 'literal', char: chars[i + 1] ?? '' })
      i += 2
    } else {
      tokens.push({ kind: 'literal', char })
      i++
    }
  }
  return tokens
}

function matchesOne(token: Token, char: string): boolean {
  if (token.kind === 'one' || token.kind === 'star') return true
  if (token.kind === 'literal') return token.char === char
  const point = char.codePointAt(0) ?? 0
  const inside = token.ranges.some(
    ([low, high]) => point >= (low.codePointAt(0) ?? 0) && point <= (high.codePointAt(0) ?? 0),
  )
  return inside !== token.negated
}

/** Whether the whole of `name` matches `glob`; backtracks only to the last `*`, so it runs in O(n·m). */
export function matchesGlob(name: string, glob: string): boolean {
  const tokens = compile(glob)
  const chars = Array.from(name)
  let t = 0
  let c = 0
  let starToken = -1
  let starChar = 0
  while (c < chars.length) {
    const token = tokens[t]
    if (token?.kind === 'star') {
      starToken = t++
      starChar = c
    } else if (token && matchesOne(token, chars[c] ?? '')) {
      t++
      c++
    } else if (starToken !== -1) {
      t = starToken + 1
      c = ++starChar
    } else {
      return false
    }
  }
  while (tokens[t]?.kind === 'star') t++
  return t === tokens.length
}

/**
 * The literal text every name matching `glob` starts with (`debian/*` → `debian/`, `*` → ``): what a
 * server can filter by (protocol v2 `ref-prefix`) before the glob itself is applied.
 */
export function literalPrefix(glob: string): string {
  let prefix = ''
  for (const token of compile(glob)) {
    if (token.kind !== 'literal') break
    prefix += token.char
  }
  return prefix
}

/** Whether `name` matches any of `globs` (none: nothing matches). */
export function matchesGlobs(name: string, globs: readonly string[]): boolean {
  return globs.some((glob) => matchesGlob(name, glob))
}

/** Splits an input of newline- or comma-separated globs, trimming each and dropping empty ones. */
export function parseGlobList(text: string): string[] {
  return text
    .split(/[\r\n,]+/)
    .map((glob) => glob.trim())
    .filter((glob) => glob !== '')
}
