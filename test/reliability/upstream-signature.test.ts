import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeFork } from '../support/debian-fixtures.js'
import { git } from '../support/git.js'
import { makePlainUpstream } from '../support/plain-fixtures.js'
import { makeReleaseKey, type ReleaseKey, type SignTagOptions } from '../support/reliability-gpg.js'
import { assertUsableFailure, runInProcess } from '../support/reliability-host.js'
import { runAction } from '../support/action.js'
import { tempDir } from '../support/tmp.js'

let key: ReleaseKey
let other: ReleaseKey
beforeAll(async () => {
  ;[key, other] = await Promise.all([makeReleaseKey(), makeReleaseKey('Someone Else <else@example.org>')])
})
afterAll(async () => {
  await Promise.all([key?.close(), other?.close()])
})

/** A fork of v1.0 with one downstream commit; upstream's v1.1 is signed as `sign` says (or not at all). */
async function setup(sign?: { by: ReleaseKey } & SignTagOptions) {
  const upstream = await makePlainUpstream()
  await upstream.release(['v1.0'], { 'a.c': '1\n' })
  const fork = await makeFork(upstream.url, 'v1.0')
  await fork.commit('Downstream change', { 'b.c': 'mine\n' })
  const commit = await upstream.release(['v1.1'], { 'a.c': '2\n' })
  const object = sign ? await sign.by.signTag(upstream.work, upstream.bare, 'v1.1', commit, sign) : commit
  return { upstream, fork, commit, object }
}

const inputsFor = (s: Awaited<ReturnType<typeof setup>>, keys: string) => ({
  'remote-url': s.fork.url,
  'upstream-url': s.upstream.url,
  'upstream-tags': 'v*',
  packaging: 'none',
  'upstream-signing-key': keys,
})

describe('upstream-signing-key', () => {
  it('accepts a tag signed by one of the keys and names the signer in the summary', async () => {
    const s = await setup({ by: key })
    const result = await runAction({
      ...inputsFor(s, other.publicKey + key.publicKey),
      'output-dir': await tempDir(),
    })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.result).toBe('updated')
    expect(result.summary).toContain(`| Upstream tag object | ${s.object} |`)
    expect(result.summary).toContain(`| Upstream signature | ${key.fingerprint} (${key.uid}) |`)
    expect(await git(s.fork.bare, 'rev-parse', 'refs/heads/main~1')).toBe(s.commit)
  })

  it.each([
    ['a lightweight tag', undefined, /lightweight tag/],
    ['a tag signed by another key', 'other', /made by key \w+, which is not among the given signing keys/],
    ['a tag whose text changed after signing', 'tamper', /BAD signature/],
    ['a signed tag of another release put under this name', 'replay', /names tag 'v1.0', not 'v1.1'/],
  ] as const)('stops before anything is pushed on %s', async (_label, how, expected) => {
    const sign =
      how === 'other'
        ? { by: other }
        : how === 'tamper'
          ? { by: key, tamper: true }
          : how === 'replay'
            ? { by: key, name: 'v1.0' }
            : undefined
    const s = await setup(sign)
    const before = await s.fork.refs()
    const run = await runInProcess(inputsFor(s, key.publicKey))
    const message = assertUsableFailure(run)
    expect(message).toMatch(/^Upstream tag 'v1.1' does not verify against upstream-signing-key: /)
    expect(message).toMatch(expected)
    expect(message).toContain('Nothing was pushed, published or opened.')
    expect(await s.fork.refs()).toEqual(before)
  })

  it('refuses keys gpg cannot read, with a message naming the input', async () => {
    const s = await setup({ by: key })
    const corrupt = key.publicKey.replace(/\n([A-Za-z0-9+/]{20})/, '\n!!!!$1')
    const run = await runInProcess(inputsFor(s, corrupt))
    expect(assertUsableFailure(run)).toMatch(
      /upstream-signing-key: (the signing keys are not valid|it is not a valid)/,
    )
  })
})
