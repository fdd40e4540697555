import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeFork, type Fork } from '../support/debian-fixtures.js'
import { debianDir, makePlainUpstream, type PlainUpstream } from '../support/plain-fixtures.js'
import { assertUsableFailure, runInProcess } from '../support/reliability-host.js'
import { tempDir } from '../support/tmp.js'
import { main } from '../../src/action/main.js'

/**
 * Hostile action inputs, each through main() as a runner would run it: one clear message naming the
 * input or the state, no stack frames, no secret echoed, no shell, and no ref changed on the fork.
 */

let upstream: PlainUpstream
let fork: Fork
let canary: string
beforeAll(async () => {
  upstream = await makePlainUpstream()
  await upstream.release(['v1.0'], { 'a.c': '1\n' })
  fork = await makeFork(upstream.url, 'v1.0')
  await fork.commit('Package', debianDir('app', '1.0-1'))
  await upstream.release(['v1.1'], { 'a.c': '2\n' })
  canary = await tempDir('pc-canary-')
})

const secret = 'sentinel-hostile-secret-7c1e'
const pwned = () => `${canary}/pwned`
const shell = (name: string) => `touch ${pwned()} #${name}`

type Case = [label: string, inputs: () => Record<string, string>, expected: RegExp]

const cases: Case[] = [
  ['branch with a line break', () => ({ branch: 'main\nevil' }), /Input 'branch'/],
  ['branch of 300 characters', () => ({ branch: 'b'.repeat(300) }), /Input 'branch'/],
  ['branch with a shell command', () => ({ branch: `main;${shell('b')}` }), /Input 'branch'|does not exist/],
  [
    'branch in unicode that does not exist',
    () => ({ branch: 'maïn\u202e' }),
    /Branch 'maïn\u202e' does not exist/,
  ],
  ['branch "--upload-pack=…"', () => ({ branch: `--upload-pack=${shell('up')}` }), /Input 'branch'/],
  [
    'upstream-tag "$(…)" that does not exist',
    () => ({ 'upstream-tag': `v$(${shell('t')})` }),
    /Input 'upstream-tag'|does not exist upstream/,
  ],
  ['upstream-tag with backticks', () => ({ 'upstream-tag': 'v`id`' }), /does not exist upstream/],
  [
    'upstream-tag of 256 characters',
    () => ({ 'upstream-tag': `v${'9'.repeat(255)}` }),
    /Input 'upstream-tag'/,
  ],
  [
    'upstream-url ext:: transport',
    () => ({ 'upstream-url': `ext::sh -c ${shell('ext')}` }),
    /Input 'upstream-url': must not use git's ext:: transport/,
  ],
  [
    'upstream-url with a line break',
    () => ({ 'upstream-url': 'file:///x\n--upload-pack=x' }),
    /Input 'upstream-url'/,
  ],
  [
    'remote-url "-oProxyCommand"',
    () => ({ 'remote-url': `-oProxyCommand=${shell('ssh')}` }),
    /Input 'remote-url'/,
  ],
  [
    'remote-url with a password in it',
    () => ({ 'remote-url': `https://me:${secret}@example.org/f.git` }),
    /Input 'remote-url'.*credentials/,
  ],
  [
    'upstream-url that does not exist',
    () => ({ 'upstream-url': 'file:///nonexistent/up.git' }),
    /^Cannot read the refs of upstream-url file:\/\/\/nonexistent\/up.git: /,
  ],
  [
    'remote-url that does not exist',
    () => ({ 'remote-url': 'file:///nonexistent/fork.git' }),
    /^Cannot read the refs of remote-url /,
  ],
  [
    'remote-url on a closed port',
    () => ({ 'remote-url': 'http://127.0.0.1:9/fork.git' }),
    /^Cannot read the refs of remote-url http:\/\/127.0.0.1:9\/fork.git: /,
  ],
  ['version-suffix with a command', () => ({ 'version-suffix': '+$(id)' }), /Input 'version-suffix'/],
  [
    'maintainer with a changelog trailer injected',
    () => ({ maintainer: 'A <a@b.org>\n -- Evil <e@x>' }),
    /Input 'maintainer'/,
  ],
  [
    'distribution with a line break',
    () => ({ distribution: 'unstable\nurgency=high' }),
    /Input 'distribution'/,
  ],
  ['orig-components leaving the tree', () => ({ 'orig-components': '../../etc' }), /Input 'orig-components'/],
  [
    'obs-package with a path',
    () => ({ 'obs-project': 'home:x', 'obs-package': '../x', 'obs-user': 'u', 'obs-password': secret }),
    /Input 'obs-package'/,
  ],
  ['obs-url pointing at a file', () => ({ 'obs-url': 'file:///etc/passwd' }), /Input 'obs-url'/],
  [
    'obs-url with a password in it',
    () => ({ 'obs-url': `https://u:${secret}@obs.example.org` }),
    /Input 'obs-url'.*credentials/,
  ],
  [
    'obs-wait-timeout in scientific notation',
    () => ({ 'obs-wait': 'true', 'obs-wait-timeout': '1e3' }),
    /Input 'obs-wait-timeout'/,
  ],
  [
    'upstream-signing-key that is no key',
    () => ({ 'upstream-signing-key': 'ssh-ed25519 AAAAC3Nz' }),
    /Input 'upstream-signing-key'/,
  ],
  [
    'upstream-signing-key holding a private key',
    () => ({
      'upstream-signing-key': `-----BEGIN PGP PRIVATE KEY BLOCK-----\n${secret}\n-----END PGP PRIVATE KEY BLOCK-----`,
    }),
    /Input 'upstream-signing-key'.*private/,
  ],
  [
    'upstream-signing-key set, upstream tag lightweight',
    () => ({
      'upstream-signing-key':
        '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n!!!!\n-----END PGP PUBLIC KEY BLOCK-----',
      'upstream-tag': 'v1.1',
    }),
    /does not verify against upstream-signing-key|not valid/,
  ],
  ['mode in capitals', () => ({ mode: 'SYNC' }), /Input 'mode'/],
  ['repository with three parts', () => ({ repository: 'a/b/c' }), /Input 'repository'/],
]

describe('hostile action inputs', () => {
  it.each(cases)('%s: a clear error, no shell, nothing pushed', async (_label, inputs, expected) => {
    const before = await fork.refs()
    const run = await runInProcess({
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'v*',
      'github-token': secret,
      ...inputs(),
    })
    const message = assertUsableFailure(run, [secret])
    expect(message).toMatch(expected)
    expect(await fork.refs()).toEqual(before)
    await expect(access(pwned())).rejects.toThrow()
    await expect(access(join(process.cwd(), 'pwned'))).rejects.toThrow()
  })
})

describe('what a failure shows when the error itself is odd', () => {
  const failWith = async (thrown: unknown) => {
    const failures: string[] = []
    const logs: string[] = []
    const host = {
      log: {
        info: (m: string) => logs.push(m),
        warning: () => undefined,
        group: <T>(_n: string, s: () => Promise<T>) => s(),
      },
      mask: () => undefined,
      setOutput: () => undefined,
      summary: async () => undefined,
      fail: (m: string) => failures.push(m),
      annotate: () => undefined,
    }
    await main(
      {},
      () => {
        throw thrown
      },
      host,
    )
    return { failures, logs }
  }

  it.each([
    [
      'an internal error (a bug)',
      new TypeError("Cannot read properties of undefined (reading 'sha')"),
      /^Internal error in patch-carrier \(please report it with this log\): TypeError: Cannot read properties/,
    ],
    ['an error without a message', new Error(''), /^Error without a message$/],
    ['a thrown string', 'boom', /^Unexpected failure: boom$/],
    ['a thrown undefined', undefined, /^Unexpected failure: undefined$/],
  ])('%s: one sentence, the stack only in the log', async (_label, thrown, expected) => {
    const { failures, logs } = await failWith(thrown)
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatch(expected)
    expect(failures[0]).not.toMatch(/^\s+at /m)
    if (thrown instanceof TypeError) expect(logs.join('\n')).toMatch(/^\s+at /m)
  })
})
