import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createObsClient, ObsBuildError } from '../../src/obs/index.js'

/** A stand-in for OBS's /build/P/_result (the bare source server has no build results): serves replies in turn. */
let replies: string[] = []
const requested: string[] = []
const server = createServer((req, res) => {
  requested.push(req.url ?? '')
  const body = replies.length > 1 ? replies.shift() : replies[0]
  res.writeHead(200, { 'content-type': 'application/xml' })
  res.end(body)
})
let apiUrl = ''

beforeAll(async () => {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => server.close())

const result = (repository: string, arch: string, state: string, statuses: string, dirty = false) =>
  `  <result project="home:carrier" repository="${repository}" arch="${arch}" code="${state}" state="${state}"${dirty ? ' dirty="true"' : ''}>\n${statuses}  </result>\n`
const status = (code: string, details = '', pkg = 'dovecot') =>
  `    <status package="${pkg}" code="${code}"${details ? `>\n      <details>${details}</details>\n    </status>\n` : ' />\n'}`
const list = (...results: string[]) =>
  `<resultlist state="8f14e45fceea167a5a36dedd4bea2543">\n${results.join('')}</resultlist>\n`

function client() {
  const logs: string[] = []
  let clock = 0
  const obs = createObsClient({
    apiUrl,
    auth: { user: 'carrier', password: 'unused' },
    log: (line) => logs.push(line),
    now: () => clock,
    sleep: async (ms) => void (clock += ms),
  })
  return { obs, logs }
}

describe('waiting for OBS builds', () => {
  it('polls until every repository/arch has a final result for the new sources', async () => {
    replies = [
      list(
        result('Debian_12', 'x86_64', 'published', status('succeeded'), true),
        result('Debian_12', 'aarch64', 'building', status('scheduled')),
      ),
      list(
        result('Debian_12', 'x86_64', 'building', status('building')),
        result('Debian_12', 'aarch64', 'building', status('building')),
      ),
      list(
        result(
          'Debian_12',
          'x86_64',
          'published',
          status('succeeded') + status('succeeded', '', 'dovecot:flavour'),
        ),
        result('Debian_12', 'aarch64', 'published', status('excluded')),
      ),
    ]
    requested.length = 0
    const { obs, logs } = client()
    const summary = await obs.waitForBuilds({
      project: 'home:carrier',
      package: 'dovecot',
      intervalMs: 1000,
      settleMs: 0,
    })
    expect(summary.lines).toEqual([
      'Debian_12/x86_64: succeeded',
      'Debian_12/x86_64 (dovecot:flavour): succeeded',
      'Debian_12/aarch64: excluded',
    ])
    expect(requested).toHaveLength(3)
    expect(requested[0]).toBe('/build/home:carrier/_result?package=dovecot&multibuild=1&locallink=1')
    expect(logs.join('\n')).toContain('Debian_12/x86_64: succeeded (outdated)')
  })

  it('fails on an unresolvable or failed build, with the reason', async () => {
    replies = [
      list(
        result('Debian_12', 'x86_64', 'building', status('building')),
        result(
          'openSUSE_Tumbleweed',
          'x86_64',
          'unresolvable',
          status('unresolvable', 'nothing provides libfoo-devel &amp; libbar'),
        ),
      ),
    ]
    const error = await client()
      .obs.waitForBuilds({ project: 'home:carrier', package: 'dovecot', settleMs: 0 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ObsBuildError)
    expect((error as Error).message).toBe(
      'OBS builds of home:carrier/dovecot failed:\n  openSUSE_Tumbleweed/x86_64: unresolvable — nothing provides libfoo-devel & libbar',
    )
    expect((error as ObsBuildError).results).toHaveLength(2)
  })

  it('gives up after its timeout with the last state', async () => {
    replies = [
      list(result('Debian_12', 'x86_64', 'blocked', status('blocked', 'waiting for 2 compliant workers'))),
    ]
    const error = await client()
      .obs.waitForBuilds({ project: 'home:carrier', package: 'dovecot', timeoutMs: 10_000, intervalMs: 3000 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ObsBuildError)
    expect((error as Error).message).toMatch(
      /did not finish in time:\n {2}Debian_12\/x86_64: blocked — waiting for 2 compliant workers/,
    )
  })
})
