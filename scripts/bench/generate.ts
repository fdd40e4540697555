// Deterministic generated data: C-like source lines from a fixed vocabulary (compressing and deltaing like
// real code, gzip ≈ 3–4×). The draw order is fixed: changing it changes every generated history and package
// (bump the cache keys here, in update.ts and archive.ts). Git histories: one `git fast-import` stream, then
// one `git repack` for real deltas, as a host's pack has; cached between runs (BENCH_CACHE_DIR).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { once } from 'node:events'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { run } from '../../src/process/run.js'
import { linePatch } from '../../test/support/debian-fixtures.js'

/** mulberry32: a small, fast, seeded PRNG (deterministic across runs and machines). */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), state | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Random = () => number
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
export const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1))

/** A log-normal draw around `median` (spread: sigma of the underlying normal), clamped. */
function logNormal(random: Random, median: number, sigma: number, min: number, max: number): number {
  const [u, v] = [Math.max(random(), 1e-9), random()]
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  return Math.min(max, Math.max(min, Math.round(median * Math.exp(sigma * normal))))
}

// ba be bi bo bu ca … vu, then xa xe za ze zo (the order is part of the draw)
const openSyllables = [...'bcdfgklmnprstv'].flatMap((c) => [...'aeiou'].map((v) => c + v))
const syllables = [...openSyllables, 'xa', 'xe', 'za', 'ze', 'zo']

function vocabulary(random: Random, size: number): string[] {
  const words = new Set<string>()
  while (words.size < size) {
    let word = ''
    for (let i = between(random, 2, 4); i > 0; i--) word += pick(random, syllables)
    words.add(word)
  }
  return [...words]
}

const types = 'int|unsigned int|size_t|const char *|struct buffer *|bool|uint32_t|void *'.split('|')
const levels = ['error', 'warning', 'debug', 'info']

function sourceLine(random: Random, words: readonly string[]): string {
  const w = () => pick(random, words)
  const n = (max: number) => between(random, 0, max)
  const indent = '\t'.repeat(n(3))
  const shapes = [
    () => `if (${w()}_${w()} != NULL && ${w()} > ${n(4096)}) {`,
    () => `${pick(random, types)} ${w()}_${w()} = ${w()}_${w()}(${w()}, ${n(255)});`,
    () => `/* ${w()} ${w()} ${w()} the ${w()} before ${w()} ${w()} */`,
    () => `return ${w()}_${w()}(${w()}->${w()}, ${w()});`,
    () => '}',
    () => '',
    () => `for (i = 0; i < ${w()}->${w()}_count; i++)`,
    () => `i_${pick(random, levels)}("${w()} ${w()}: %s", ${w()}_${w()}(${w()}));`,
    () => `${w()}->${w()} = ${w()}_${w()}_${w()}(${w()});`,
    () => `${w()}_${w()}(${w()}, &${w()}_${w()});`,
  ]
  const shape = shapes[n(9)]!()
  return shape === '' ? '' : `${indent}${shape}`
}

const sourceLines = (random: Random, words: readonly string[], lines: number): string[] =>
  Array.from({ length: lines }, () => sourceLine(random, words))

const verbs = ['Fix', 'Add', 'Remove', 'Refactor', 'Speed up', 'Document', 'Handle', 'Clean up']

export const subject = (random: Random, words: readonly string[]): string =>
  `${pick(random, verbs)} ${pick(random, words)} ${pick(random, words)} in ${pick(random, words)}_${pick(random, words)}()`

/** An annotated release tag every `tagEvery` commits, and on the last one. */
type HistoryOptions = { commits: number; seed: number; tagEvery: number }

export type History = Awaited<ReturnType<typeof generateHistory>>

const releaseTag = (index: number): string => `v${1 + Math.floor(index / 20)}.${index % 20}.0`
const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`

/** What a served bare repository needs: filters and any-SHA1 wants (as GitHub), no gc. */
export async function serveConfig(bare: string): Promise<void> {
  for (const key of ['uploadpack.allowFilter', 'uploadpack.allowAnySHA1InWant'])
    await run('git', ['-C', bare, 'config', key, 'true'])
  await run('git', ['-C', bare, 'config', 'gc.auto', '0'])
}

// The fast-import stream of a linear history on `main`: 200 files, a new file in 3 % of commits, each commit
// editing 1–4 files at one spot; file sizes log-normal around 130 lines (mean ≈ 200 lines, ≈ 8 KB).
function* stream(options: HistoryOptions, tags: string[], counts: { files: number }): Generator<string> {
  const random: Random = prng(options.seed)
  const words = vocabulary(random, 2500)
  const dirs = Array.from({ length: 40 }, (_, i) => `src/${pick(random, words)}${i}`)
  const files: { path: string; lines: string[] }[] = []
  const newFile = () => {
    const path = `${pick(random, dirs)}/${pick(random, words)}-${files.length}.${pick(random, ['c', 'c', 'c', 'h'])}`
    const file = { path, lines: sourceLines(random, words, logNormal(random, 130, 0.9, 8, 3000)) }
    files.push(file)
    return file
  }
  for (let n = 0; n < options.commits; n++) {
    const when = `${1_500_000_000 + n * 600} +0000`
    const changed: typeof files = []
    if (n === 0) for (let i = 0; i < 200; i++) changed.push(newFile())
    else {
      if (random() < 0.03) changed.push(newFile())
      for (let i = pick(random, [1, 1, 1, 2, 2, 3, 4]); i > 0; i--) {
        const file = pick(random, files)
        const at = between(random, 0, Math.max(0, file.lines.length - 1))
        const remove = Math.min(between(random, 0, 4), file.lines.length - at)
        file.lines.splice(at, remove, ...sourceLines(random, words, between(random, remove === 0 ? 1 : 0, 8)))
        changed.push(file)
      }
    }
    const who = `Dev ${n % 37} <dev${n % 37}@example.org> ${when}`
    let text = `commit refs/heads/main\nauthor ${who}\ncommitter ${who}\n`
    text += data(`${subject(random, words)}\n\n${subject(random, words)}.\n`)
    for (const file of new Set(changed))
      text += `M 100644 inline ${file.path}\n${data(`${file.lines.join('\n')}\n`)}`
    yield `${text}\n`
    if ((n + 1) % options.tagEvery === 0 || n === options.commits - 1) {
      const tag = releaseTag(tags.length)
      tags.push(tag)
      yield `tag ${tag}\nfrom refs/heads/main\ntagger Release <release@example.org> ${when}\n${data(`Release ${tag}\n`)}`
    }
  }
  counts.files = files.length
  yield 'done\n'
}

async function generateHistory(bare: string, options: HistoryOptions) {
  const started = performance.now()
  await run('git', ['init', '--quiet', '--bare', '-b', 'main', bare])
  // no deltas, no zlib: fast-import's deltas (against the previous blob) are poor; the repack below does both
  const args = ['-c', 'pack.compression=0', 'fast-import', '--quiet', '--done', '--depth=0']
  const child = spawn('git', args, { cwd: bare, stdio: ['pipe', 'inherit', 'inherit'] })
  const exit = once(child, 'exit')
  const [tags, counts] = [[] as string[], { files: 0 }]
  await pipeline(Readable.from(stream(options, tags, counts)), child.stdin)
  const [code] = (await exit) as [number | null]
  if (code !== 0) throw new Error(`git fast-import failed (exit ${code})`)
  const importSeconds = (performance.now() - started) / 1000
  // real deltas (a window of 3 suffices: versions of one path sort next to each other), -F to compress
  await run('git', ['-C', bare, 'repack', '-a', '-d', '-F', '-q', '--window=3', '--depth=50'])
  await serveConfig(bare)
  const pack = join(bare, 'objects', 'pack')
  let packBytes = 0
  for (const name of await readdir(pack))
    if (name.endsWith('.pack')) packBytes += (await stat(join(pack, name))).size
  const seconds = (performance.now() - started) / 1000
  const history = { bare, branch: 'main', commits: options.commits, tags, files: counts.files }
  return { ...history, packBytes, seconds, importSeconds }
}

/** Bump when the generator's output changes, so cached histories are made again. */
const generatorVersion = 3

/** Whether `dir` was in the cache; if not (or `fresh`), `make` writes it to a temporary path renamed to `dir`. */
export async function cachedDir(dir: string, fresh: boolean, make: (path: string) => Promise<void>) {
  if (!fresh && existsSync(dir)) return true
  const building = `${dir}.tmp-${process.pid}`
  await rm(building, { recursive: true, force: true })
  await mkdir(dirname(dir), { recursive: true })
  await make(building)
  await rm(dir, { recursive: true, force: true })
  await rename(building, dir)
  return false
}

export async function cachedHistory(cacheDir: string, options: HistoryOptions, fresh = false) {
  const key = `history-v${generatorVersion}-${options.commits}-s${options.seed}-t${options.tagEvery}`
  const [bare, meta] = [join(cacheDir, `${key}.git`), join(cacheDir, `${key}.json`)]
  const cached = await cachedDir(bare, fresh || !existsSync(meta), async (path) => {
    const history = await generateHistory(path, options)
    await writeFile(meta, JSON.stringify({ ...history, bare }, null, 2))
  })
  return { ...(JSON.parse(await readFile(meta, 'utf8')) as History), bare, cached }
}

/** ≈3,000 files of C-like source (`extra` among them), ≈25 MB unpacked: an orig tarball of ≈8 MB, like dovecot's. */
export function upstreamSource(seed: number, extra: Record<string, string> = {}): Record<string, string> {
  const random = prng(seed)
  const words = vocabulary(random, 600)
  const dirs = Array.from({ length: 120 }, (_, i) => `src/${pick(random, words)}${i}`)
  const files: Record<string, string> = { 'src/idle.c': idleC, ...extra }
  for (let i = 0; Object.keys(files).length < 3000; i++) {
    const path = `${pick(random, dirs)}/${pick(random, words)}-${i}.${pick(random, ['c', 'c', 'h', 'txt'])}`
    files[path] = `${sourceLines(random, words, logNormal(random, 125, 1.0, 5, 6000)).join('\n')}\n`
  }
  return files
}
const idleC = '#include <stdio.h>\nint main(void) {\n  notify_delay_ms(500);\n  return 0;\n}\n'
const [before, after] = [idleC.split('\n').slice(0, 2), idleC.split('\n').slice(3, 5)]
/** The fork's one quilt patch in items 2, 4 and 6. */
export const forkPatch = {
  name: 'remove-idle-debounce.patch',
  subject: 'Remove the 500 ms IMAP IDLE debounce',
}
export const sourceShape = (files: Record<string, string>) => ({
  files: Object.keys(files).length,
  rawBytes: Object.values(files).reduce((n, text) => n + text.length, 0),
})
export const idlePatch = (subject?: string) =>
  linePatch('src/idle.c', before, '  notify_delay_ms(500);', '  notify_delay_ms(0);', after, subject)

/** The next upstream release: 5 % of the files edited, 20 added. */
export function nextRelease(previous: Record<string, string>, seed: number): Record<string, string> {
  const [random, next] = [prng(seed), { ...previous }]
  const words = vocabulary(random, 600)
  const paths = Object.keys(previous).filter((path) => path !== 'src/idle.c')
  for (let i = 0; i < paths.length * 0.05; i++) {
    const path = pick(random, paths)
    const lines = next[path]!.split('\n')
    const [at, remove] = [between(random, 0, lines.length - 1), between(random, 0, 3)]
    lines.splice(at, remove, ...sourceLines(random, words, 6))
    next[path] = lines.join('\n')
  }
  for (let i = 0; i < 20; i++)
    next[`src/new/${pick(random, words)}-${i}.c`] = `${sourceLines(random, words, 80).join('\n')}\n`
  return next
}
