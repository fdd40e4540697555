import { mkdir, mkdtemp, readdir, statfs } from 'node:fs/promises'
import { freemem } from 'node:os'
import { join } from 'node:path'
import { removeTree } from '../files/remove-tree.js'

/** `statfs` type of a tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994

/** Where Linux keeps a tmpfs every process may write to (GitHub's Linux runners included). */
export const MEMORY_ROOT = '/dev/shm'

/**
 * Room a build takes, in upstream trees: the exported build tree, pristine-tar's unpacked tree, its tar
 * and the compressed copy, dpkg-source's unpacked orig; one more for what the patches and tarballs add.
 */
export const TREES_PER_BUILD = 6

const PREFIX = 'patch-carrier-'

export interface Scratch {
  /** An empty directory for the build's trees and tarballs. */
  dir: string
  /** In memory (tmpfs), or on disk under the work directory. */
  memory: boolean
  /** One line for the log: where, and why there. */
  reason: string
  /** Removes a directory in memory (it holds RAM); one on disk stays until the next run, to look at. */
  release(): Promise<void>
}

export interface ScratchRequest {
  /** The directory used on disk: emptied, created. */
  diskDir: string
  /** Bytes of the upstream tree the build unpacks (asked only when memory is allowed). */
  treeBytes: () => Promise<number>
  /** Input `scratch-in-memory`: false keeps everything on disk. */
  allowMemory: boolean
  /** Default MEMORY_ROOT; tests point it elsewhere. */
  memoryRoot?: string
}

/**
 * The build's scratch directory: in memory when a tmpfs has room for the build with half of it to spare
 * and the machine has four times that free, else on disk. Building writes and rereads the upstream tree
 * several times (pristine-tar, the build tree, dpkg-source's comparison), and on a runner's disk that
 * costs seconds. Memory directories that a killed run left behind (their process is gone) are removed
 * first.
 */
export async function openScratch(request: ScratchRequest): Promise<Scratch> {
  const root = request.memoryRoot ?? MEMORY_ROOT
  const memory = request.allowMemory
    ? await memoryScratch(root, (await request.treeBytes()) * TREES_PER_BUILD + 64 * 1024 * 1024)
    : { why: 'scratch-in-memory is false' }
  if ('dir' in memory) return memory
  await removeTree(request.diskDir)
  await mkdir(request.diskDir, { recursive: true })
  return {
    dir: request.diskDir,
    memory: false,
    reason: `Build scratch on disk, ${request.diskDir}: ${memory.why}`,
    release: async () => undefined,
  }
}

async function memoryScratch(root: string, need: number): Promise<Scratch | { why: string }> {
  const fs = await statfs(root).catch(() => undefined)
  if (!fs || fs.type !== TMPFS_MAGIC) return { why: `${root} is not a tmpfs` }
  const available = fs.bavail * fs.bsize
  if (available < 2 * need || freemem() < 4 * need) {
    return {
      why: `the build needs about ${mib(need)}; ${root} has ${mib(available)} free, the machine ${mib(freemem())}`,
    }
  }
  await removeAbandoned(root)
  const dir = await mkdtemp(join(root, `${PREFIX}${process.pid}-`)).catch(() => undefined)
  if (!dir) return { why: `${root} is not writable` }
  let released: Promise<void> | undefined
  return {
    dir,
    memory: true,
    reason: `Build scratch in memory, ${dir} (needs about ${mib(need)}; ${mib(available)} free)`,
    // once, however often asked: after the build, and again when the run ends
    release: () => (released ??= removeTree(dir)),
  }
}

/** Our directories whose process no longer runs: a run that was killed could not remove its own. */
async function removeAbandoned(root: string): Promise<void> {
  const entries = await readdir(root).catch(() => [] as string[])
  for (const entry of entries) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(entry)?.[1]
    if (pid && !alive(Number(pid))) await removeTree(join(root, entry)).catch(() => {})
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`
