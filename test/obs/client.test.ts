import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createObsClient,
  createSshKeygenSigner,
  ObsAuthError,
  ObsError,
  ObsTransientError,
  type FetchLike,
} from '../../src/obs/index.js'
import { keepMatcher } from '../../src/obs/keep.js'
import { tempDir } from '../support/tmp.js'

/** A fake transport answering from a script; records what was asked. */
function scripted(...answers: (Response | Error)[]) {
  const seen: { url: string; init: RequestInit }[] = []
  const fetch: FetchLike = async (url, init) => {
    seen.push({ url, init })
    const answer = answers.length > 1 ? answers.shift() : answers[0]
    if (!answer) throw new Error('no answer scripted')
    if (answer instanceof Error) throw answer
    return answer.clone()
  }
  return { fetch, seen }
}

const listing = () =>
  new Response(
    '<directory name="k" rev="3" srcmd5="abc"><entry name="a" md5="0cc175b9c0f1b6a831c399e269772661" size="1"/></directory>',
  )
const status = (code: number) =>
  new Response(`<status code="${code}"><summary>busy</summary></status>`, { status: code })
const dropped = () =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
  })

function client(fetch: FetchLike, extra: { sshKey?: string; attempts?: number } = {}) {
  const sleeps: number[] = []
  const obs = createObsClient({
    apiUrl: 'https://obs.example.org/',
    auth: { user: 'carrier', password: extra.sshKey ? undefined : 'secret-password', sshKey: extra.sshKey },
    fetch,
    retry: { attempts: extra.attempts ?? 4, baseDelayMs: 100, maxDelayMs: 250 },
    sleep: async (ms) => void sleeps.push(ms),
    signer: async () => 'U1NIU0lH',
  })
  return { obs, sleeps }
}

describe('OBS client (fake transport)', () => {
  it('retries 5xx and dropped connections with capped exponential backoff, sending basic auth each time', async () => {
    const { fetch, seen } = scripted(status(503), dropped(), status(504), listing())
    const { obs, sleeps } = client(fetch)
    expect((await obs.readPackage({ project: 'home:c', package: 'k' })).revision).toBe('3')
    expect(sleeps).toEqual([100, 200, 250])
    expect(seen.map((s) => s.url)).toEqual(Array(4).fill('https://obs.example.org/source/home:c/k'))
    const auth = `Basic ${Buffer.from('carrier:secret-password').toString('base64')}`
    expect(seen.every((s) => (s.init.headers as Record<string, string>).authorization === auth)).toBe(true)
  })

  it('stops after the last attempt with a message naming the request and the cause', async () => {
    const { obs } = client(scripted(dropped()).fetch, { attempts: 2 })
    await expect(obs.readPackage({ project: 'home:c', package: 'k' })).rejects.toThrow(
      new ObsTransientError('OBS GET /source/home:c/k failed after 2 attempt(s): ECONNRESET'),
    )
    const { obs: other } = client(
      scripted(
        Object.assign(new TypeError('fetch failed'), {
          cause: new Error('getaddrinfo ENOTFOUND obs.example.org'),
        }),
      ).fetch,
    )
    await expect(other.readPackage({ project: 'home:c', package: 'k' })).rejects.toThrow(
      'OBS GET /source/home:c/k failed: fetch failed: getaddrinfo ENOTFOUND obs.example.org',
    )
  })

  it('answers a Signature challenge once, then keeps the session cookie instead', async () => {
    const challenge = new Response('<status code="401"><summary>Authentication required</summary></status>', {
      status: 401,
      headers: { 'www-authenticate': 'Signature realm="Use your developer account",headers="(created)"' },
    })
    const withCookie = new Response(listing().body, {
      headers: { 'set-cookie': 'openSUSE_session=abc123def456; path=/; HttpOnly' },
    })
    const { fetch, seen } = scripted(challenge, withCookie, listing())
    const { obs } = client(fetch, {
      sshKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nkey\n-----END OPENSSH PRIVATE KEY-----\n',
    })
    await obs.readPackage({ project: 'home:c', package: 'k' })
    await obs.readPackage({ project: 'home:c', package: 'k' })
    const headers = seen.map((s) => s.init.headers as Record<string, string>)
    expect(headers[0]?.authorization).toBeUndefined()
    expect(headers[1]?.authorization).toMatch(
      /^Signature keyId="carrier",algorithm="ssh",headers="\(created\)",created=\d+,signature="U1NIU0lH"$/,
    )
    expect(headers[2]).toMatchObject({ cookie: 'openSUSE_session=abc123def456' })
    expect(headers[2]?.authorization).toBeUndefined()
  })

  it('refuses a challenge it has no credentials for, and URLs carrying credentials', async () => {
    const challenge = new Response('', {
      status: 401,
      headers: { 'www-authenticate': 'Signature realm="r",headers="(created)"' },
    })
    const { obs } = client(scripted(challenge).fetch)
    await expect(obs.readPackage({ project: 'home:c', package: 'k' })).rejects.toBeInstanceOf(ObsAuthError)
    expect(() =>
      createObsClient({ apiUrl: 'https://u:p@obs.example.org', auth: { user: 'u', password: 'p' } }),
    ).toThrow(new ObsError('OBS API URL must not carry credentials'))
  })

  it('matches obs-keep globs against whole names', () => {
    const keep = keepMatcher(['_service*', '_constraints', '*.[ch]', '[!x]y'])
    expect(['_service', '_service:obs_scm:x.tar', '_constraints', 'a.c', 'ay'].every(keep)).toBe(true)
    expect(['my_service', '_constraints.bak', 'a.cc', 'xy', 'service'].some(keep)).toBe(false)
  })
})

describe('ssh-keygen signer', () => {
  it('hands ssh-keygen the key as a 0600 file in a 0700 dir, and removes both', async () => {
    const root = await tempDir('pc-obs-signer-')
    const bin = join(root, 'bin')
    await mkdir(bin)
    // a stand-in ssh-keygen that reports what it was given
    const script = [
      '#!/bin/sh',
      'key="$6"; modes="$(stat -c %a "$key")$(stat -c %a "$(dirname "$key")")"',
      'data="$(cat | tr -d " ():")"',
      'printf -- "-----BEGIN SSH SIGNATURE-----\\n%s\\n%s\\n-----END SSH SIGNATURE-----\\n" "$modes" "$data$4"',
    ]
    await writeFile(join(bin, 'ssh-keygen'), script.join('\n') + '\n', { mode: 0o755 })
    const keys = join(root, 'keys')
    await mkdir(keys)
    const path = process.env.PATH
    process.env.PATH = `${bin}:${path}`
    try {
      const signature = await createSshKeygenSigner(keys)({ key: 'KEY', realm: 'realm', created: 1700000000 })
      expect(signature).toBe('600700created1700000000realm')
    } finally {
      process.env.PATH = path
    }
    expect(await readdir(keys)).toEqual([])
  })
})
