// Large git histories in seconds: one `git fast-import` stream (no commit-by-commit git calls), then one
// `git repack` so the served pack has real deltas, as a hosting service's would.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { between, logNormal, pick, prng, sourceLines, subject, vocabulary, type Random } from './text.js'

export interface HistoryOptions {
  /** Bare repository to create. */
  bare: string
  commits: number
  seed: number
  /** An annotated release tag every this many commits (and on the last commit). */
  tagEvery: number
  branch?: string
}

export interface History {
  bare: string
  branch: string
  commits: number
  /** Release tags, oldest first; the last one is on the branch tip. */
  tags: string[]
  files: number
  /** Size of the repository's packs after the repack. */
  packBytes: number
  /** Seconds for fast-import + repack. */
  seconds: number
  /** Of which fast-import (and the generator feeding it). */
  importSeconds: number
}

/** Semver release tags: v1.0.0, v1.1.0 … v1.19.0, v2.0.0 … */
export const releaseTag = (index: number): string => `v${1 + Math.floor(index / 20)}.${index % 20}.0`

interface FileState {
  path: string
  lines: string[]
}

/** Writes a fast-import stream to a bare repository, with backpressure. */
class Importer {
  private readonly child
  private readonly done: Promise<unknown>
  private pending: Buffer[] = []
  private pendingBytes = 0

  constructor(bare: string) {
    // no deltas and no zlib here: fast-import deltas a blob only against the blob written just before it
    // (another file's), and the repack below computes the real deltas and compresses anyway
    this.child = spawn('git', ['-c', 'pack.compression=0', 'fast-import', '--quiet', '--done', '--depth=0'], {
      cwd: bare,
      stdio: ['pipe', 'inherit', 'inherit'],
    })
    this.done = once(this.child, 'exit')
  }

  async write(text: string): Promise<void> {
    const chunk = Buffer.from(text)
    this.pending.push(chunk)
    this.pendingBytes += chunk.length
    if (this.pendingBytes >= 1 << 20) await this.flush()
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return
    const chunk = Buffer.concat(this.pending)
    this.pending = []
    this.pendingBytes = 0
    if (!this.child.stdin.write(chunk)) await once(this.child.stdin, 'drain')
  }

  async finish(): Promise<void> {
    await this.write('done\n')
    await this.flush()
    this.child.stdin.end()
    const [code] = (await this.done) as [number | null]
    if (code !== 0) throw new Error(`git fast-import failed (exit ${code})`)
  }
}

const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`

/** Edits a file the way commits do: a few lines replaced, some inserted, a few deleted, at one spot. */
function edit(random: Random, words: readonly string[], file: FileState): void {
  const at = between(random, 0, Math.max(0, file.lines.length - 1))
  const remove = Math.min(between(random, 0, 4), file.lines.length - at)
  const insert = sourceLines(random, words, between(random, remove === 0 ? 1 : 0, 8))
  file.lines.splice(at, remove, ...insert)
}

/**
 * A linear history of `commits` commits on `branch`: ~200 files at first, a new file in 3 % of commits
 * (so 100k commits end near 3,200 files), each commit editing 1–4 files whose sizes follow a log-normal
 * law around 130 lines (mean ≈ 200 lines, ≈ 8 KB); annotated release tags every `tagEvery` commits.
 */
export async function generateHistory(options: HistoryOptions): Promise<History> {
  const started = performance.now()
  const branch = options.branch ?? 'main'
  const random = prng(options.seed)
  const words = vocabulary(random, 2500)
  const dirs = Array.from({ length: 40 }, (_, i) => `src/${pick(random, words)}${i}`)
  const files: FileState[] = []
  const newFile = (): FileState => {
    const file = {
      path: `${pick(random, dirs)}/${pick(random, words)}-${files.length}.${pick(random, ['c', 'c', 'c', 'h'])}`,
      lines: sourceLines(random, words, logNormal(random, 130, 0.9, 8, 3000)),
    }
    files.push(file)
    return file
  }
  const content = (file: FileState): string => `${file.lines.join('\n')}\n`

  await run('git', ['init', '--quiet', '--bare', '-b', branch, options.bare])
  const importer = new Importer(options.bare)
  const epoch = 1_500_000_000
  const tags: string[] = []
  for (let n = 0; n < options.commits; n++) {
    const when = `${epoch + n * 600} +0000`
    const changed: FileState[] = []
    if (n === 0) for (let i = 0; i < 200; i++) changed.push(newFile())
    else {
      if (random() < 0.03) changed.push(newFile())
      const count = pick(random, [1, 1, 1, 2, 2, 3, 4])
      for (let i = 0; i < count; i++) {
        const file = pick(random, files)
        edit(random, words, file)
        changed.push(file)
      }
    }
    let text = `commit refs/heads/${branch}\n`
    text += `author Dev ${n % 37} <dev${n % 37}@example.org> ${when}\ncommitter Dev ${n % 37} <dev${n % 37}@example.org> ${when}\n`
    text += data(`${subject(random, words)}\n\n${subject(random, words)}.\n`)
    for (const file of new Set(changed)) text += `M 100644 inline ${file.path}\n${data(content(file))}`
    await importer.write(`${text}\n`)
    if ((n + 1) % options.tagEvery === 0 || n === options.commits - 1) {
      const tag = releaseTag(tags.length)
      tags.push(tag)
      await importer.write(
        `tag ${tag}\nfrom refs/heads/${branch}\ntagger Release <release@example.org> ${when}\n${data(`Release ${tag}\n`)}`,
      )
    }
  }
  await importer.finish()
  const imported = performance.now()
  // real deltas (a window of 3 suffices: versions of one path sort next to each other) and -F to compress
  // what fast-import stored uncompressed
  await run('git', ['-C', options.bare, 'repack', '-a', '-d', '-F', '-q', '--window=3', '--depth=50'])
  for (const [key, value] of [
    ['uploadpack.allowFilter', 'true'],
    ['uploadpack.allowAnySHA1InWant', 'true'],
    ['http.receivepack', 'true'],
    ['gc.auto', '0'],
  ] as const) {
    await run('git', ['-C', options.bare, 'config', key, value])
  }
  return {
    bare: options.bare,
    branch,
    commits: options.commits,
    tags,
    files: files.length,
    packBytes: await packBytes(options.bare),
    seconds: (performance.now() - started) / 1000,
    importSeconds: (imported - started) / 1000,
  }
}

/** Bytes of all pack files of a repository. */
export async function packBytes(bare: string): Promise<number> {
  const dir = join(bare, 'objects', 'pack')
  let total = 0
  for (const name of await readdir(dir))
    if (name.endsWith('.pack')) total += (await stat(join(dir, name))).size
  return total
}

/** Bump when the generator's output changes, so cached histories are made again. */
const generatorVersion = 3

/**
 * A generated history from `cacheDir` when an earlier bench run made it with the same generator and
 * options (histories are deterministic), else generated now. Callers clone it; it is never modified.
 */
export async function cachedHistory(
  cacheDir: string,
  options: Omit<HistoryOptions, 'bare'>,
  fresh = false,
): Promise<History & { cached: boolean }> {
  const key = `history-v${generatorVersion}-${options.commits}-s${options.seed}-t${options.tagEvery}`
  const bare = join(cacheDir, `${key}.git`)
  const meta = join(cacheDir, `${key}.json`)
  if (!fresh) {
    try {
      return { ...(JSON.parse(await readFile(meta, 'utf8')) as History), bare, cached: true }
    } catch {
      // not made yet
    }
  }
  await mkdir(cacheDir, { recursive: true })
  const building = join(cacheDir, `${key}.tmp-${process.pid}.git`)
  await rm(building, { recursive: true, force: true })
  const history = await generateHistory({ ...options, bare: building })
  await rm(bare, { recursive: true, force: true })
  await rename(building, bare)
  const made = { ...history, bare }
  await writeFile(meta, JSON.stringify(made, null, 2))
  return { ...made, cached: false }
}
