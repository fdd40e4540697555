import { describe, expect, it } from 'vitest'
import { parseCli } from '../../src/action/cli-args.js'
import { parseSettings, SettingsError, type Settings } from '../../src/action/settings.js'

const pinned = {
  mode: 'backport',
  'remote-url': 'file:///srv/fork.git',
  'upstream-url': 'https://salsa.debian.org/debian/dovecot.git',
  'upstream-tags': 'debian/1%2.3.19.1+dfsg1-2.1+deb12u*',
  'backport-from': '1:2.3.19.1+dfsg1-2.1',
}

const parse = (inputs: Record<string, string>): Settings =>
  parseSettings((name) => inputs[name] ?? '', { RUNNER_TEMP: '/tmp/runner' })

function errorOf(inputs: Record<string, string>): SettingsError {
  try {
    parse(inputs)
  } catch (error) {
    if (error instanceof SettingsError) return error
    throw error
  }
  throw new Error('expected a SettingsError')
}

describe('mode backport and backport-from', () => {
  it('takes a Debian version (epoch, tilde) or a tag as the start', () => {
    expect(parse(pinned)).toMatchObject({ mode: 'backport', backportFrom: '1:2.3.19.1+dfsg1-2.1' })
    expect(parse({ ...pinned, 'backport-from': '1:2.3~rc1-1' }).backportFrom).toBe('1:2.3~rc1-1')
    expect(parse({ ...pinned, 'backport-from': 'debian/1%2.3.19.1+dfsg1-2.1' }).backportFrom).toBe(
      'debian/1%2.3.19.1+dfsg1-2.1',
    )
    // check with backport-from looks at the pinned fork the way a backport run would
    expect(parse({ ...pinned, mode: 'check' })).toMatchObject({
      mode: 'check',
      backportFrom: '1:2.3.19.1+dfsg1-2.1',
    })
  })

  it.each([
    [{ 'backport-from': '' }, 'backport-from', 'is required in mode backport'],
    [{ mode: 'sync' }, 'backport-from', 'use it with mode backport (or check), not sync'],
    [{ 'backport-from': '--upload-pack=x' }, 'backport-from', 'neither a version nor a tag'],
    [{ 'backport-from': 'a b' }, 'backport-from', 'neither a version nor a tag'],
    [{ 'upstream-tag': 'debian/1%2.3-1' }, 'upstream-tag', 'not supported in mode backport'],
    [{ review: 'always' }, 'review', 'not supported in mode backport'],
    [{ 'upstream-url': '' }, 'upstream-url', 'is required in mode backport'],
    [{ mode: 'backports' }, 'mode', 'must be one of sync, build, check, backport'],
    [{ 'upstream-tags': '' }, 'upstream-tags', 'is required with backport-from'],
  ])('rejects %o with one message naming the input', (inputs, input, words) => {
    const error = errorOf({ ...pinned, ...inputs })
    expect(error.input).toBe(input)
    expect(error.message).toContain(`Input '${input}'`)
    expect(error.message).toContain(words)
  })

  it('watches an archive suite while upstream-url names the fork’s own upstream', () => {
    const archive = {
      'upstream-archive': 'http://deb.debian.org/debian-security',
      'upstream-suites': 'bookworm-security',
    }
    expect(parse({ ...pinned, ...archive })).toMatchObject({
      upstreamUrl: pinned['upstream-url'],
      upstreamArchive: { suites: ['bookworm-security'] },
    })
    expect(parse({ ...pinned, ...archive, mode: 'check', 'upstream-url': '' }).upstreamArchive).toBeDefined()
    const lacking = errorOf({ ...pinned, ...archive, 'upstream-url': '' })
    expect(lacking.input).toBe('upstream-url')
    expect(lacking.message).toContain("the fork's own upstream")
    expect(errorOf({ ...pinned, ...archive, mode: 'sync', 'backport-from': '' }).input).toBe(
      'upstream-archive',
    )
  })

  it('is a command of the CLI, with --backport-from', () => {
    const parsed = parseCli(['backport', '--backport-from', '1:2.3-1', '--dry-run'])
    expect(parsed.kind).toBe('run')
    if (parsed.kind !== 'run') return
    expect(Object.fromEntries(parsed.inputs)).toEqual({
      mode: 'backport',
      'backport-from': '1:2.3-1',
      'dry-run': 'true',
    })
  })
})
