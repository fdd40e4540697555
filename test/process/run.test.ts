import { createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { childEnv } from '../../src/process/child-env.js'
import { CommandError, MissingToolError, run } from '../../src/process/run.js'
import { tempDir } from '../support/tmp.js'

const secret = 'sentinel-step-secret-31f0a'
const names = ['MY_SECRET', 'INPUT_GITHUB-TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'GIT_CONFIG_PARAMETERS']
afterEach(() => {
  for (const name of names) delete process.env[name]
})

/** The environment a program started through the seam sees. */
async function seenEnv(options: Parameters<typeof run>[2] = {}): Promise<Map<string, string>> {
  const { stdout } = await run('env', ['-0'], options)
  return new Map(
    stdout
      .split('\0')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  )
}

describe('the environment of child programs', () => {
  it('a secret in any variable of the step never reaches a child; PATH, HOME and what the caller passes do', async () => {
    for (const name of names) process.env[name] = secret
    const env = await seenEnv({ env: { GNUPGHOME: '/tmp/keys', LC_ALL: 'C' } })
    expect([...env.values()].filter((value) => value.includes(secret))).toEqual([])
    expect(env.get('PATH')).toBe(process.env.PATH)
    expect(env.get('HOME')).toBe(process.env.HOME)
    expect(env.get('GIT_CONFIG_GLOBAL')).toBe(process.env.GIT_CONFIG_GLOBAL)
    expect(env.get('GNUPGHOME')).toBe('/tmp/keys')
    expect(env.get('LC_ALL')).toBe('C')
    // fed on stdin, the program gets the same environment
    expect((await seenEnv({ input: 'x' })).get('MY_SECRET')).toBeUndefined()
  })

  it('childEnv: allow-listed variables, extra on top, undefined removes', () => {
    process.env.MY_SECRET = secret
    const env = childEnv({ LC_ALL: 'C', HOME: undefined, GIT_DIR: '/x' })
    expect(env.MY_SECRET).toBeUndefined()
    expect(env.HOME).toBeUndefined()
    expect(env).toMatchObject({ LC_ALL: 'C', GIT_DIR: '/x', PATH: process.env.PATH })
  })
})

describe('run', () => {
  it('collects output, accepts okCodes and names the program of a failure', async () => {
    expect(await run('sh', ['-c', 'echo out; echo err >&2; exit 3'], { okCodes: [3] })).toEqual({
      code: 3,
      stdout: 'out\n',
      stderr: 'err\n',
    })
    const failure = await run('sh', ['-c', 'echo broken >&2; exit 2']).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(CommandError)
    expect((failure as CommandError).message).toBe('sh -c failed (exit 2):\nbroken')
  })

  it('a program that exits without reading its input is an exit code, not a crash', async () => {
    const big = Buffer.alloc(4 << 20, 97)
    expect((await run('true', [], { input: big })).code).toBe(0)
    expect((await run('head', ['-c', '3'], { input: big })).stdout).toBe('aaa')
  })

  it('an empty input is written too: a program reading it gets end of file', async () => {
    expect((await run('cat', [], { input: '' })).stdout).toBe('')
  })

  it('streams stdout to a stream and ends it', async () => {
    const file = join(await tempDir('pc-run-'), 'out')
    const out = createWriteStream(file)
    const finished = new Promise<void>((resolve) => out.on('finish', () => resolve()))
    await run('sh', ['-c', 'printf streamed'], { stdoutTo: out })
    await finished
    expect(await readFile(file, 'utf8')).toBe('streamed')
  })

  it('a program absent from the PATH it gets is a MissingToolError', async () => {
    await expect(run('gpgv', ['--version'], { env: { PATH: '/nonexistent' } })).rejects.toThrow(
      MissingToolError,
    )
    await expect(run('no-such-tool-here', [])).rejects.toThrow('apt-get install no-such-tool-here')
  })
})
