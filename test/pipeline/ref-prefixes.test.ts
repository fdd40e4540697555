import { describe, expect, it } from 'vitest'
import { forkPrefixes, releaseTagPrefixes, upstreamPrefixes } from '../../src/pipeline/ref-prefixes.js'
import { parseSettings, type Settings } from '../../src/action/settings.js'

function settings(inputs: Record<string, string> = {}): Settings {
  const all: Record<string, string> = {
    'remote-url': 'file:///srv/fork.git',
    'upstream-url': 'https://salsa.debian.org/debian/dovecot.git',
    ...inputs,
  }
  return parseSettings((name) => all[name] ?? '', { RUNNER_TEMP: '/tmp/runner' })
}

describe('which refs the listings ask for', () => {
  it('asks upstream only for tags that can match upstream-tags', () => {
    expect(releaseTagPrefixes(settings({ 'upstream-tags': 'debian/*' }))).toEqual(['refs/tags/debian/'])
    expect(releaseTagPrefixes(settings({ 'upstream-tags': 'v*, qmail-1.0?' }))).toEqual([
      'refs/tags/v',
      'refs/tags/qmail-1.0',
    ])
    // `*` (the default) matches every tag: nothing narrower can be asked for
    expect(releaseTagPrefixes(settings())).toEqual(['refs/tags/'])
    expect(releaseTagPrefixes(settings({ 'upstream-tags': 'v*,*' }))).toEqual(['refs/tags/'])
  })

  it('adds an explicit upstream-tag, and for a fetch the orig tarball sources', () => {
    expect(releaseTagPrefixes(settings({ 'upstream-tags': 'v*', 'upstream-tag': 'release-2' }))).toEqual([
      'refs/tags/v',
      'refs/tags/release-2',
    ])
    expect(upstreamPrefixes(settings({ 'upstream-tags': 'debian/*' }))).toEqual([
      'refs/tags/debian/',
      'refs/tags/upstream/',
      'refs/heads/pristine-tar',
    ])
  })

  it('asks the fork for its branch and what patch-carrier keeps there, its release tags only when needed', () => {
    const narrow = forkPrefixes(settings({ 'upstream-tags': 'v*', branch: 'main' }), false)
    expect(narrow).toEqual([
      'refs/heads/main',
      'refs/heads/patch-carrier/',
      'refs/tags/patch-carrier/',
      'refs/patch-carrier/',
    ])
    // without a branch input: HEAD tells which branch, so every branch is listed
    expect(forkPrefixes(settings({ 'upstream-tags': 'v*' }), false)).toEqual([
      'HEAD',
      'refs/heads/',
      'refs/tags/patch-carrier/',
      'refs/patch-carrier/',
    ])
    expect(forkPrefixes(settings({ 'upstream-tags': 'v*', branch: 'main' }), true)).toContain('refs/tags/v')
    // without upstream-url the release tags are the fork's own
    const own = settings({ 'upstream-url': '', mode: 'build', 'upstream-tags': 'v*', branch: 'main' })
    expect(forkPrefixes(own, false)).toContain('refs/tags/v')
  })
})
