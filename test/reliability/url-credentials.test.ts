import { readdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../support/action.js'
import { makeFork, type Fork } from '../support/debian-fixtures.js'
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js'
import { debianDir, makePlainUpstream, type PlainUpstream } from '../support/plain-fixtures.js'
import { tempDir } from '../support/tmp.js'
import { parseSettings, SettingsError } from '../../src/action/settings.js'

/**
 * Credentials in a URL, in every form (`user:password@`, a token as the user, percent-encoded, behind
 * git's `<transport>::` prefix, scp form, an ssh password), in every URL input and config file entry:
 * the bundled action refuses them before anything runs. The message names the input (or the file and
 * entry), shows no part of the secret, nothing is written to disk, and no server is asked.
 */

const secret = 'sentinel/url+secret 4d2a'
const encoded = encodeURIComponent(secret) // what a URL carries: sentinel%2Furl%2Bsecret%204d2a
let upstream: PlainUpstream
let fork: Fork
let server: GitHttpServer
let host: string
beforeAll(async () => {
  upstream = await makePlainUpstream()
  await upstream.release(['v1.0'], { 'a.c': '1\n' })
  fork = await makeFork(upstream.url, 'v1.0')
  await fork.commit('Package', debianDir('app', '1.0-1'))
  await upstream.release(['v1.1'], { 'a.c': '2\n' })
  // every URL below points here: a request it logs is a request the refusal should have prevented
  server = await startGitHttpServer({ root: dirname(fork.bare), token: 'ghs_urlCredentialsTest0123' })
  host = new URL(server.url).host
})
afterAll(async () => server?.close())

const gitForms: [form: string, url: () => string][] = [
  ['user:password@', () => `http://me:${encoded}@${host}/fork.git`],
  ['a token as the user', () => `http://${encoded}@${host}/fork.git`],
  [
    'user and password percent-encoded together',
    () => `http://${encodeURIComponent(`me:${secret}`)}@${host}/fork.git`,
  ],
  ["behind git's transport prefix (http::)", () => `http::http://${encoded}@${host}/fork.git`],
  ['scp form with a password', () => `me:${encoded}@${host.split(':')[0]}:fork.git`],
  ['ssh with a password', () => `ssh://git:${encoded}@${host.split(':')[0]}/fork.git`],
]
const httpForms: [form: string, url: () => string][] = [
  ['user:password@', () => `http://me:${encoded}@${host}`],
  ['a token as the user', () => `http://${encoded}@${host}`],
  ['a token percent-encoded with its user', () => `http://${encodeURIComponent(`me:${secret}`)}@${host}`],
  ['without slashes (a lenient parser still reads a user)', () => `http:me:${encoded}@${host}`],
]

type Case = [label: string, inputs: () => Record<string, string>, named: RegExp]
const refused = /must not carry credentials/
const stepCases: Case[] = [
  ...gitForms.map(([form, url]): Case => [
    `remote-url, ${form}`,
    () => ({ 'remote-url': url() }),
    /Input 'remote-url'/,
  ]),
  ...gitForms
    .slice(1, 5)
    .map(([form, url]): Case => [
      `upstream-url, ${form}`,
      () => ({ 'upstream-url': url() }),
      /Input 'upstream-url'/,
    ]),
  ...httpForms.map(([form, url]): Case => [
    `obs-url, ${form}`,
    () => ({ 'obs-url': url() }),
    /Input 'obs-url'/,
  ]),
  ...httpForms
    .slice(1, 3)
    .map(([form, url]): Case => [
      `upstream-archive, ${form}`,
      () => ({ 'upstream-url': '', 'upstream-archive': url(), 'upstream-suites': 'bookworm' }),
      /Input 'upstream-archive'/,
    ]),
]

/** A config file with one package whose entry (or the defaults) sets `input` to `url`. */
async function configWith(where: 'packages' | 'defaults', input: string, url: string): Promise<string> {
  const file = join(await tempDir('pc-config-'), 'patch-carrier.yml')
  const entry = { 'remote-url': fork.url, 'upstream-url': upstream.url, [input]: url }
  const lines = (values: Record<string, string>, indent: string) =>
    Object.entries(values).map(([name, value]) => `${indent}${name}: ${JSON.stringify(value)}`)
  const text =
    where === 'defaults'
      ? [
          'defaults:',
          ...lines({ [input]: url }, '  '),
          'packages:',
          '  app:',
          ...lines({ 'remote-url': fork.url }, '    '),
        ]
      : ['packages:', '  app:', ...lines(entry, '    ')]
  await writeFile(file, `${text.join('\n')}\n`)
  return file
}

const configCases: [where: 'packages' | 'defaults', input: string, url: () => string][] = [
  ['packages', 'remote-url', gitForms[1]![1]],
  ['defaults', 'upstream-url', gitForms[0]![1]],
  ['packages', 'obs-url', httpForms[2]![1]],
  ['packages', 'upstream-archive', httpForms[1]![1]],
]

/** A run of the bundled action whose work and output directories are fresh paths under `base`. */
async function refusedRun(inputs: Record<string, string>): Promise<{ run: ActionRun; base: string }> {
  const base = await tempDir('pc-url-creds-')
  const before = server.requests().length
  const run = await runAction({
    'remote-url': fork.url,
    'upstream-url': upstream.url,
    'upstream-tags': 'v*',
    'work-dir': join(base, 'work'),
    'output-dir': join(base, 'out'),
    ...inputs,
  })
  expect(server.requests().slice(before), 'a server was asked').toEqual([])
  return { run, base }
}

async function assertRefusedCleanly(run: ActionRun, base: string, named: RegExp): Promise<void> {
  expect(run.code).toBe(1)
  const error = /^::error::(.*)$/m.exec(run.stdout)?.[1] ?? ''
  expect(error).toMatch(named)
  expect(error).toMatch(refused)
  const shown = run.everything.replace(/^::add-mask::.*$/gm, '')
  for (const form of [secret, encoded, 'sentinel']) expect(shown).not.toContain(form)
  expect(await readdir(base), 'written to disk').toEqual([])
}

describe('credentials in a URL input are refused before anything runs', () => {
  it.each(stepCases)('%s', async (_label, inputs, named) => {
    const { run, base } = await refusedRun(inputs())
    await assertRefusedCleanly(run, base, named)
  })

  it.each(configCases)('a config file entry (%s.%s)', async (where, input, url) => {
    const config = await configWith(where, input, url())
    const { run, base } = await refusedRun({ config, 'upstream-url': '', 'remote-url': '' })
    const entry = where === 'defaults' ? `defaults.${input}` : `packages.app.${input}`
    const escaped = `Input 'config': ${config}: ${entry}: `.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    await assertRefusedCleanly(run, base, new RegExp(escaped))
  })

  it.each([
    ['remote-url', () => ({ 'remote-url': `${server.url}/fork.git` }), '/fork.git/info/refs'],
    ['upstream-url', () => ({ 'upstream-url': `${server.url}/fork.git` }), '/fork.git/info/refs'],
    [
      'upstream-archive',
      () => ({ 'upstream-url': '', 'upstream-archive': server.url, 'upstream-suites': 'bookworm' }),
      '/dists/bookworm/',
    ],
  ])(
    '%s without credentials does reach the server (so the checks above can see a request)',
    async (_input, inputs, path) => {
      const before = server.requests().length
      const run = await runAction({ 'remote-url': fork.url, 'upstream-url': upstream.url, ...inputs() })
      expect(run.code).toBe(1) // the server demands a token this run does not have
      expect(
        server
          .requests()
          .slice(before)
          .map((request) => request.url),
      ).toContainEqual(expect.stringMatching(`^${path}`))
    },
  )
})

describe('what is not a credential', () => {
  const parse = (inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
    parseSettings((name) => inputs[name] ?? '', { RUNNER_TEMP: '/tmp/runner', ...env })

  it.each([
    'git@github.com:owner/fork.git',
    'ssh://git@github.com/owner/fork.git',
    'git+ssh://deploy.user-1@git.example.org/fork.git',
    'https://git.example.org/people/me@example.org/fork.git',
    'https://git.example.org/fork.git?ref=a@b',
  ])('%s is accepted (an ssh login name; an @ in the path or query)', (url) => {
    expect(parse({ 'remote-url': url, 'upstream-url': url }).remoteUrl).toBe(url)
  })

  it('GITHUB_SERVER_URL and GITHUB_API_URL with credentials are refused too, without echoing them', () => {
    for (const name of ['GITHUB_SERVER_URL', 'GITHUB_API_URL']) {
      const run = () =>
        parse(
          { 'remote-url': 'file:///srv/fork.git', 'upstream-url': 'file:///srv/up.git' },
          {
            [name]: `https://x-access-token:${encoded}@github.example`,
          },
        )
      expect(run).toThrow(SettingsError)
      expect(run).toThrow(new RegExp(`Input '${name}': must not carry credentials`))
      expect(run).not.toThrow(/sentinel/)
    }
  })
})
