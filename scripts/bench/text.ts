// Deterministic pseudo-random source text: C-like lines from a fixed vocabulary, so files compress and
// delta like real source code (gzip ≈ 3–4×), yet no two files are alike.

/** mulberry32: a small, fast, seeded PRNG (deterministic across runs and machines). */
export function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type Random = () => number

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
export const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1))

/** A log-normal draw around `median` (spread: sigma of the underlying normal), clamped. */
export function logNormal(random: Random, median: number, sigma: number, min: number, max: number): number {
  const u = Math.max(random(), 1e-9)
  const v = random()
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  return Math.min(max, Math.max(min, Math.round(median * Math.exp(sigma * normal))))
}

const syllables =
  'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu xa xe za ze zo'.split(
    ' ',
  )

/** A vocabulary of `size` identifier-like words. */
export function vocabulary(random: Random, size: number): string[] {
  const words = new Set<string>()
  while (words.size < size) {
    let word = ''
    for (let i = between(random, 2, 4); i > 0; i--) word += pick(random, syllables)
    words.add(word)
  }
  return [...words]
}

const types = [
  'int',
  'unsigned int',
  'size_t',
  'const char *',
  'struct buffer *',
  'bool',
  'uint32_t',
  'void *',
]

/** One line of C-like source. */
export function sourceLine(random: Random, words: readonly string[]): string {
  const w = () => pick(random, words)
  const indent = '\t'.repeat(between(random, 0, 3))
  switch (between(random, 0, 9)) {
    case 0:
      return `${indent}if (${w()}_${w()} != NULL && ${w()} > ${between(random, 0, 4096)}) {`
    case 1:
      return `${indent}${pick(random, types)} ${w()}_${w()} = ${w()}_${w()}(${w()}, ${between(random, 0, 255)});`
    case 2:
      return `${indent}/* ${w()} ${w()} ${w()} the ${w()} before ${w()} ${w()} */`
    case 3:
      return `${indent}return ${w()}_${w()}(${w()}->${w()}, ${w()});`
    case 4:
      return `${indent}}`
    case 5:
      return ''
    case 6:
      return `${indent}for (i = 0; i < ${w()}->${w()}_count; i++)`
    case 7:
      return `${indent}i_${pick(random, ['error', 'warning', 'debug', 'info'])}("${w()} ${w()}: %s", ${w()}_${w()}(${w()}));`
    case 8:
      return `${indent}${w()}->${w()} = ${w()}_${w()}_${w()}(${w()});`
    default:
      return `${indent}${w()}_${w()}(${w()}, &${w()}_${w()});`
  }
}

/** A source file of `lines` lines. */
export function sourceLines(random: Random, words: readonly string[], lines: number): string[] {
  const out: string[] = []
  for (let i = 0; i < lines; i++) out.push(sourceLine(random, words))
  return out
}

/** A commit subject. */
export function subject(random: Random, words: readonly string[]): string {
  const verb = pick(random, [
    'Fix',
    'Add',
    'Remove',
    'Refactor',
    'Speed up',
    'Document',
    'Handle',
    'Clean up',
  ])
  return `${verb} ${pick(random, words)} ${pick(random, words)} in ${pick(random, words)}_${pick(random, words)}()`
}
