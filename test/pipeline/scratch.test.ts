import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, stat, statfs, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MEMORY_ROOT, openScratch } from '../../src/pipeline/scratch.js'
import { tempDir } from '../support/tmp.js'

const TMPFS_MAGIC = 0x01021994
const tmpfs = (await statfs(MEMORY_ROOT).catch(() => undefined))?.type === TMPFS_MAGIC
/** The machine's temporary directory is itself a tmpfs: no directory at hand that is not one. */
const tempInMemory = (await statfs(tmpdir())).type === TMPFS_MAGIC

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn('true')
  await new Promise((resolve) => child.on('exit', resolve))
  return child.pid!
}

describe('openScratch', () => {
  it.runIf(tmpfs)('builds in a private directory in memory and removes it when released', async () => {
    const diskDir = join(await tempDir(), 'build')
    const scratch = await openScratch({ diskDir, treeBytes: async () => 25_000_000, allowMemory: true })
    expect(scratch.memory).toBe(true)
    expect(scratch.dir.startsWith(`${MEMORY_ROOT}/patch-carrier-${process.pid}-`)).toBe(true)
    expect((await stat(scratch.dir)).mode & 0o777).toBe(0o700)
    expect(scratch.reason).toMatch(
      /^Build scratch in memory, \/dev\/shm\/patch-carrier-\d+-\w+ \(needs about 207 MiB;/,
    )
    await writeFile(join(scratch.dir, 'tree'), 'x')
    await scratch.release()
    await expect(stat(scratch.dir)).rejects.toThrow(/ENOENT/)
  })

  it.runIf(tmpfs)('removes what killed runs left in memory, and nothing of a run still going', async () => {
    const dead = await mkdtemp(join(MEMORY_ROOT, `patch-carrier-${await deadPid()}-`))
    await writeFile(join(dead, 'orig.tar.gz'), 'left behind')
    const live = await mkdtemp(join(MEMORY_ROOT, `patch-carrier-${process.pid}-`))
    const scratch = await openScratch({
      diskDir: join(await tempDir(), 'build'),
      treeBytes: async () => 1,
      allowMemory: true,
    })
    const names = await readdir(MEMORY_ROOT)
    expect(names).not.toContain(dead.slice(MEMORY_ROOT.length + 1))
    expect(names).toContain(live.slice(MEMORY_ROOT.length + 1))
    await scratch.release()
    await rm(live, { recursive: true })
  })

  it('stays on disk, emptied, when memory is turned off', async () => {
    const diskDir = join(await tempDir(), 'build')
    await mkdir(diskDir)
    await writeFile(join(diskDir, 'from-the-last-run'), 'x')
    const scratch = await openScratch({
      diskDir,
      treeBytes: () => Promise.reject(new Error('the tree is not measured when memory is off')),
      allowMemory: false,
    })
    expect(scratch).toMatchObject({ dir: diskDir, memory: false })
    expect(scratch.reason).toBe(`Build scratch on disk, ${diskDir}: scratch-in-memory is false`)
    expect(await readdir(diskDir)).toEqual([])
    await scratch.release()
    expect(await readdir(diskDir)).toEqual([]) // kept until the next run, to look at
  })

  it.runIf(!tempInMemory)('stays on disk when the memory directory is no tmpfs', async () => {
    const diskDir = join(await tempDir(), 'build')
    const notTmpfs = await tempDir()
    const scratch = await openScratch({
      diskDir,
      treeBytes: async () => 1,
      allowMemory: true,
      memoryRoot: notTmpfs,
    })
    expect(scratch.memory).toBe(false)
    expect(scratch.reason).toBe(`Build scratch on disk, ${diskDir}: ${notTmpfs} is not a tmpfs`)
  })

  it.runIf(tmpfs)('stays on disk when the tree would not fit twice over', async () => {
    const diskDir = join(await tempDir(), 'build')
    const free = (await statfs(MEMORY_ROOT)).bavail * (await statfs(MEMORY_ROOT)).bsize
    const scratch = await openScratch({
      diskDir,
      treeBytes: async () => Math.ceil(free / 6),
      allowMemory: true,
    })
    expect(scratch.memory).toBe(false)
    expect(scratch.reason).toMatch(
      /: the build needs about \d+ MiB; \/dev\/shm has \d+ MiB free, the machine \d+ MiB$/,
    )
  })
})
