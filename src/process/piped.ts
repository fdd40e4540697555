import { spawn } from 'node:child_process'

/** How a program is started and where its output goes; shared by both ways of running it. */
export interface Started {
  cwd?: string
  env: Record<string, string>
  /** Receives stderr chunk by chunk. */
  stderr: (chunk: Buffer) => void
}

/**
 * Runs a program fed on stdin, or whose stdout is piped to a stream, and resolves with its exit code
 * (128 when a signal ended it). Rejects with spawn's own error (ENOENT when the program is absent).
 */
export function runPiped(
  program: string,
  args: readonly string[],
  started: Started & { input?: string | Buffer; stdout: NodeJS.WritableStream | ((chunk: Buffer) => void) },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: started.cwd, env: started.env, stdio: 'pipe' })
    if (typeof started.stdout === 'function') child.stdout.on('data', started.stdout)
    else child.stdout.pipe(started.stdout) // paced by the stream: a large archive never waits in memory
    child.stderr.on('data', started.stderr)
    child.on('error', reject)
    child.stdin.on('error', () => undefined) // the program may exit before reading its input
    child.stdin.end(started.input ?? '')
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)))
  })
}
