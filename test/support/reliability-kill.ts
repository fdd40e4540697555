import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { bundle } from './action.js'
import { tempDir } from './tmp.js'

export interface KilledRun {
  /** Whether the line appeared and the run was killed (false: it ended on its own first). */
  killed: boolean
  stdout: string
}

/**
 * Runs the bundled action as a runner would and SIGKILLs its whole process group (node and every git,
 * dpkg-source or gpg it started) as soon as a line of its log matches `when`: a runner losing power or a
 * job cancelled hard at that point. Nothing gets to clean up.
 */
export async function runAndKill(inputs: Record<string, string>, when: RegExp): Promise<KilledRun> {
  const dir = await tempDir('pc-kill-')
  await writeFile(join(dir, 'output'), '')
  await writeFile(join(dir, 'summary'), '')
  const env: Record<string, string> = { ...(process.env as Record<string, string>) }
  delete env.GITHUB_REPOSITORY
  delete env.GITHUB_API_URL
  delete env.GITHUB_SERVER_URL
  Object.assign(env, {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    RUNNER_TEMP: dir,
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
  })
  // its own process group, so the kill reaches the programs it runs too
  const child = spawn(process.execPath, [await bundle()], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let killed = false
  const closed = once(child, 'close')
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (!killed && when.test(stdout) && child.pid !== undefined) {
      killed = true
      process.kill(-child.pid, 'SIGKILL')
    }
  })
  child.stderr.resume()
  await closed
  if (child.pid !== undefined) await groupGone(child.pid)
  return { killed, stdout }
}

async function groupGone(pgid: number): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    try {
      process.kill(-pgid, 0)
    } catch {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
