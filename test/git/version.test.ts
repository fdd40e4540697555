import { describe, expect, it } from 'vitest'
import { checkGitVersion, MIN_GIT_VERSION, parseGitVersion, requireGit } from '../../src/git/version.js'

describe('git version check', () => {
  it('reads the version of the usual outputs', () => {
    expect(parseGitVersion('git version 2.39.5\n')).toEqual([2, 39, 5])
    expect(parseGitVersion('git version 2.39.3 (Apple Git-146)')).toEqual([2, 39, 3])
    expect(parseGitVersion('git version 2.45.windows.1')).toEqual([2, 45, 0])
    expect(parseGitVersion('not git')).toBeUndefined()
  })

  it('names the found and the needed version when git is too old', () => {
    expect(() => checkGitVersion('git version 2.30.9')).toThrow(
      'git 2.30.9 is too old: patch-carrier needs git 2.31.0 or newer (install a newer git)',
    )
    expect(() => checkGitVersion('git version 1.9.0')).toThrow(/needs git 2\.31\.0 or newer/)
    expect(() => checkGitVersion('hello')).toThrow(/could not read git's version from 'hello'/)
  })

  it('accepts the minimum and anything newer', () => {
    expect(() => checkGitVersion(`git version ${MIN_GIT_VERSION.join('.')}`)).not.toThrow()
    expect(() => checkGitVersion('git version 2.31.1')).not.toThrow()
    expect(() => checkGitVersion('git version 3.0.0')).not.toThrow()
  })

  it('passes with the git of this machine', async () => {
    await expect(requireGit()).resolves.toBeUndefined()
  })
})
