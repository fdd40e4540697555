import { copyFile, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../process/run.js'

export interface PatchRun {
  code: number
  output: string
}

export interface PatchOptions {
  level: number
  fuzz: number
  reverse?: boolean
  /** GNU patch keeps each file it touches here first (an empty, mode 0 file for one it creates). */
  backups: string
  /** Where the hunks it could not apply go; else they are thrown away. */
  rejects?: string
}

/** Applies one patch file to a tree for real (a dry run misjudges patches that touch a file twice). */
export async function applyPatch(tree: string, file: string, options: PatchOptions): Promise<PatchRun> {
  const args = [
    `-p${options.level}`,
    `--fuzz=${options.fuzz}`,
    '--batch',
    '--backup',
    `--prefix=${options.backups}/`,
    `--reject-file=${options.rejects ?? '-'}`,
    '--remove-empty-files',
    '--quoting-style=literal',
    options.reverse ? '--reverse' : '--forward',
    '--input',
    file,
  ]
  const result = await run('patch', args, {
    cwd: tree,
    okCodes: [0, 1, 2],
    env: { LC_ALL: 'C', POSIXLY_CORRECT: undefined },
  })
  return { code: result.code, output: `${result.stdout}${result.stderr}`.trim() }
}

/** GNU patch applied a hunk somewhere else than its line numbers say, or with context ignored. */
export const movedOrFuzzed = (output: string): 'offsets' | 'fuzz' | undefined =>
  /with fuzz \d+/.test(output) ? 'fuzz' : /\(offset -?\d+ lines?\)/.test(output) ? 'offsets' : undefined

/** Every file path (relative) kept under a backups directory. */
export async function backedUp(backups: string, relative = ''): Promise<string[]> {
  const entries = await readdir(join(backups, relative), { withFileTypes: true }).catch(() => [])
  const paths: string[] = []
  for (const entry of entries) {
    const path = relative ? `${relative}/${entry.name}` : entry.name
    if (entry.isDirectory()) paths.push(...(await backedUp(backups, path)))
    else paths.push(path)
  }
  return paths.sort()
}

/** An empty, mode 0 backup: the file did not exist before the patch. */
export async function wasAbsent(backup: string): Promise<boolean> {
  const info = await stat(backup)
  return info.size === 0 && (info.mode & 0o777) === 0
}

/** Puts back what a patch changed from its backups, and removes the backups. */
export async function undoPatch(tree: string, backups: string): Promise<void> {
  for (const path of await backedUp(backups)) {
    const saved = join(backups, path)
    await rm(join(tree, path), { force: true })
    if (!(await wasAbsent(saved))) await copyFile(saved, join(tree, path))
  }
  await rm(backups, { recursive: true, force: true })
}
