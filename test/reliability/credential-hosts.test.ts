import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { writeFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { filesContaining } from '../support/github-fork.js'
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js'
import { forward, startFaultProxy } from '../support/obs-proxy.js'
import { makeTestSshKey, startAuthProxy } from '../support/obs-auth-proxy.js'
import { filesOf } from '../support/obs-fixtures.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import { helloUpstream, liteFork, type HelloUpstream } from '../support/reliability-lite.js'
import { obsProject } from '../support/reliability-scenario.js'
import { tempDir } from '../support/tmp.js'
import { basicAuthValue } from '../../src/github/git-auth.js'
import { createOctokit } from '../../src/github/octokit.js'
import { createObsClient } from '../../src/obs/index.js'
import { parseSettings, SettingsError } from '../../src/action/settings.js'

/**
 * Each credential goes only where it belongs: the GitHub token to the GitHub server (GITHUB_SERVER_URL
 * for git, GITHUB_API_URL for the API), never to a fork on another host nor to a host an API reply links
 * to; its base64 form is masked; an OBS password never crosses the network in clear text; an OBS login
 * that cannot work says why; and OBS's 408 is retried like 503.
 */

const token = 'ghs_sentinelCredentialHosts0123456789'
let hello: HelloUpstream
let obs: ObsTestServer
beforeAll(async () => {
  ;[hello, obs] = await Promise.all([helloUpstream(), startObsServer()])
  await obs.createProject(obsProject)
})
afterAll(async () => obs?.stop())

interface GitHost {
  url: string
  /** The Authorization header of every request, '' when there was none. */
  authorizations: string[]
  paths: string[]
  close(): Promise<void>
}

/**
 * A git host that is not the GitHub server: it lets in `fork-user:fork-pass` (what a credential helper
 * gives git) or the GitHub token, and serves the fork from the token-checked smart HTTP server behind it.
 */
async function otherGitHost(behind: GitHttpServer): Promise<GitHost> {
  const authorizations: string[] = []
  const paths: string[] = []
  const allowed = [
    `Basic ${Buffer.from('fork-user:fork-pass').toString('base64')}`,
    `basic ${basicAuthValue(token)}`,
  ]
  const server: Server = createServer((req, res) => {
    const authorization = req.headers.authorization ?? ''
    authorizations.push(authorization)
    paths.push(`${req.method} ${req.url}`)
    if (!allowed.includes(authorization)) {
      req.resume()
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end()
      return
    }
    forward(new URL(behind.url), req, res, {}, { authorization: `Basic ${basicAuthValue(token)}` })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    paths,
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

describe('the GitHub token goes to the GitHub server only', () => {
  it('a fork on another host gets no token (a helper logs in); on the GitHub server it does', async () => {
    const fork = await liteFork(hello, obs.apiUrl, 'unused')
    const server = await startGitHttpServer({ root: dirname(fork.fork.bare), token })
    const other = await otherGitHost(server)
    // the README's way for such a fork: a credential helper in the runner's git config
    const home = await tempDir('pc-git-home-')
    const gitconfig = join(home, 'gitconfig')
    await writeFile(
      gitconfig,
      `[credential "${other.url}"]\n\thelper = "!f() { echo username=fork-user; echo password=fork-pass; }; f"\n`,
    )
    try {
      const inputs = {
        ...fork.inputs,
        'remote-url': `${other.url}/fork.git`,
        'github-token': token,
        'obs-project': '',
        'obs-package': '',
      }
      const elsewhere = await runAction(inputs, {
        GITHUB_SERVER_URL: 'https://github.example',
        GIT_CONFIG_GLOBAL: gitconfig,
      })
      expect(elsewhere.code, elsewhere.stdout).toBe(0)
      expect(elsewhere.outputs.result).toBe('updated')
      expect(elsewhere.stdout).toContain(
        `github-token is not sent to ${new URL(other.url).host}: it goes only to the GitHub server https://github.example`,
      )
      // every git call site ran against this host (ls-remote, probe and work fetches, the push) ...
      expect(other.paths).toContainEqual(expect.stringMatching(/^POST \/fork\.git\/git-upload-pack$/))
      expect(other.paths).toContainEqual(expect.stringMatching(/^POST \/fork\.git\/git-receive-pack$/))
      // ... and none of them carried the token
      expect(other.authorizations.filter((value) => value.includes(basicAuthValue(token)))).toEqual([])
      expect(other.authorizations).toContain(`Basic ${Buffer.from('fork-user:fork-pass').toString('base64')}`)

      // the same host as GITHUB_SERVER_URL: now the token is what git sends
      const seen = other.authorizations.length
      const onServer = await runAction(inputs, { GITHUB_SERVER_URL: other.url })
      expect(onServer.code, onServer.stdout).toBe(0)
      expect(onServer.outputs.result).toBe('up-to-date')
      expect(other.authorizations.slice(seen)).toContain(`basic ${basicAuthValue(token)}`)
      expect(onServer.stdout).not.toContain('github-token is not sent')
      // the base64 form git's header carries is masked like the token
      for (const run of [elsewhere, onServer]) {
        expect(run.stdout).toContain(`::add-mask::${basicAuthValue(token)}`)
        const shown = run.everything.replace(/^::add-mask::.*$/gm, '')
        expect(shown).not.toContain(token)
        expect(shown).not.toContain(basicAuthValue(token))
      }
      // nothing on disk either: the work, probe and fork-file repositories fetch by URL with the header in
      // the environment, so no config holds a remote, a credential or the header
      for (const form of [token, basicAuthValue(token), 'fork-pass'])
        expect(await filesContaining(fork.inputs['work-dir']!, form)).toEqual([])
    } finally {
      await other.close()
      await server.close()
    }
  })

  it('an API reply linking to another host is not followed: that host gets no request', async () => {
    const elsewhere: string[] = []
    const other = createServer((req, res) => {
      elsewhere.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`)
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]')
    }).listen(0, '127.0.0.1')
    await once(other, 'listening')
    const next = `http://127.0.0.1:${(other.address() as AddressInfo).port}/repos/o/r/pulls?page=2`
    const api = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', link: `<${next}>; rel="next"` }).end('[]')
    }).listen(0, '127.0.0.1')
    await once(api, 'listening')
    try {
      const octokit = createOctokit({
        token,
        apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
      })
      const listing = octokit.paginate(octokit.rest.pulls.list, { owner: 'o', repo: 'r', per_page: 100 })
      await expect(listing).rejects.toThrow(
        /links to 127\.0\.0\.1:\d+, not 127\.0\.0\.1:\d+ \(GITHUB_API_URL\); not followed/,
      )
      expect(elsewhere).toEqual([])
    } finally {
      other.close()
      api.close()
    }
  })
})

describe('an OBS password never crosses the network in clear text', () => {
  const parse = (obsUrl: string, password = 'sentinel-obs-pw-77') =>
    parseSettings(
      (name) =>
        ({
          'remote-url': 'file:///srv/fork.git',
          'upstream-url': 'file:///srv/up.git',
          'obs-url': obsUrl,
          'obs-password': password,
        })[name] ?? '',
      { RUNNER_TEMP: '/tmp/runner' },
    )

  it.each([
    'http://obs.example.org',
    'http://10.0.0.1:5352',
    'http://127.0.0.1.nip.io',
    'http://[::2]:80',
    'http://localhost.example.org',
  ])('%s with obs-password is refused, naming obs-url', (url) => {
    expect(() => parse(url)).toThrow(SettingsError)
    expect(() => parse(url)).toThrow(/^Input 'obs-url': is http:\/\/ and obs-password is set/)
    expect(() => parse(url, '')).not.toThrow() // the same URL without a password is fine
  })

  it.each([
    'http://127.0.0.1:5352',
    'http://127.8.9.10',
    'http://[::1]:5352',
    'http://localhost:5352',
    'https://obs.example.org',
  ])('%s with obs-password is accepted (loopback, or https)', (url) => {
    expect(parse(url).obs.url).toBe(url)
  })

  it('the bundled action refuses it before anything runs', async () => {
    const fork = await liteFork(hello, 'http://obs.example.org', 'cleartext')
    const before = await fork.fork.refs()
    const run = await runAction(fork.inputs)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error::Input 'obs-url': is http:\/\/ and obs-password is set/m)
    expect(await fork.fork.refs()).toEqual(before)
  })
})

describe('OBS login', () => {
  it('only obs-ssh-key, a server offering only Basic: the error says so and names obs-password', async () => {
    const proxy = await startAuthProxy(obs.apiUrl, {
      kind: 'basic',
      user: 'carrier',
      password: 'sentinel-pw-basic',
    })
    const key = await makeTestSshKey('carrier')
    try {
      const fork = await liteFork(hello, proxy.url, 'key-only')
      const run = await runAction({ ...fork.inputs, 'obs-password': '', 'obs-ssh-key': key.privateKey })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(
        /^::error::OBS [A-Z]+ \/source\/\S+ needs a login: OBS offers only Basic authentication, not the SSH signature scheme obs-ssh-key answers: set obs-password for user 'carrier'$/m,
      )
      // one request, turned away; nothing was sent that could have been a credential
      expect(proxy.log.map((entry) => entry.via)).toEqual(['rejected'])
      expect(proxy.seenSecrets).toEqual([])
      expect((await fork.fork.refs()).get('refs/heads/main')).toBe(fork.start)
    } finally {
      await proxy.close()
    }
  })

  it('408 (the server gave up waiting for the request) is retried like 503', async () => {
    const proxy = await startFaultProxy(obs.apiUrl)
    try {
      let uploads = 0
      const isUpload = (request: { method: string; url: string }) =>
        request.method === 'PUT' && request.url.includes('/a.dsc')
      proxy.setFaults((request) => (isUpload(request) && ++uploads === 1 ? { status: 408 } : undefined))
      const client = createObsClient({
        apiUrl: proxy.url,
        auth: { user: 'carrier', password: 'sentinel-pw-408' },
        retry: { attempts: 3, baseDelayMs: 5, timeoutMs: 10_000 },
      })
      const files = await filesOf({ 'a.dsc': 'a\n' })
      const published = await client.publish({
        project: obsProject,
        package: 'retry-408',
        files,
        message: 'm',
        create: true,
      })
      expect(published.revision).toBe('1')
      expect(proxy.requests.filter(isUpload).map((request) => request.status)).toEqual([408, 200])
    } finally {
      await proxy.close()
    }
  })
})
