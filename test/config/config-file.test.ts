import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/file.js'
import { mapBounded } from '../../src/config/limit.js'
import { packageReader } from '../../src/config/select.js'
import { parseSettings, SettingsError } from '../../src/action/settings.js'

const example = `
defaults:
  upstream-tags: debian/*
  version-suffix: +chatmail{n}
  obs-project: home:chatmail
  obs-user: chatmail
packages:
  dovecot:
    remote-url: https://github.com/chatmail/dovecot.git
    upstream-url: https://salsa.debian.org/debian/dovecot.git
    orig-components: [pigeonhole]
  postfix:
    remote-url: https://github.com/chatmail/postfix.git
    upstream-url: https://salsa.debian.org/postfix-team/postfix.git
    upstream-tags: [debian/3.7.*, debian/3.8.*]
    obs-package: postfix-chatmail
    obs-create: true
    distribution: 1.10
`

function errorOf(text: string): string {
  try {
    parseConfig(text, '.github/patch-carrier.yml')
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError)
    return (error as Error).message
  }
  throw new Error('expected a SettingsError')
}

/** What a step's `with:` gives: the action's defaults fill inputs nobody set. */
const stepInputs: Record<string, string> = {
  mode: 'sync',
  'upstream-tags': '*',
  'version-suffix': '+carrier{n}',
  'obs-password': 'from-a-secret',
  'dry-run': 'true',
  repository: 'chatmail/carrier',
}
const step = (name: string): string => stepInputs[name] ?? ''
const env = { RUNNER_TEMP: '/tmp/runner', GITHUB_SERVER_URL: 'https://github.com' }

describe('config file', () => {
  it('lists packages in file order; lists become lines; scalars stay as written', () => {
    const config = parseConfig(example, '.github/patch-carrier.yml')
    expect([...config.packages.keys()]).toEqual(['dovecot', 'postfix'])
    expect(config.packages.get('postfix')).toMatchObject({
      'upstream-tags': 'debian/3.7.*\ndebian/3.8.*',
      'obs-create': 'true',
      distribution: '1.10',
    })
    expect(config.defaults['version-suffix']).toBe('+chatmail{n}')
  })

  it('a package entry wins over the defaults, the defaults over the step; run inputs come from the step', () => {
    const config = parseConfig(example, '.github/patch-carrier.yml')
    const dovecot = parseSettings(packageReader(step, env, config, 'dovecot'), env)
    expect(dovecot).toMatchObject({
      packageName: 'dovecot',
      upstreamTags: ['debian/*'],
      versionSuffix: '+chatmail{n}',
      origComponents: ['pigeonhole'],
      // named like the entry; the password is the step's (a secret), dry-run too
      obs: { project: 'home:chatmail', package: 'dovecot', user: 'chatmail', password: 'from-a-secret' },
      dryRun: true,
      // the fork's own repository for its pull requests, not the workflow's
      repository: 'chatmail/dovecot',
      workDir: '/tmp/runner/patch-carrier-work/dovecot',
    })
    const postfix = parseSettings(packageReader(step, env, config, 'postfix'), env)
    expect(postfix.upstreamTags).toEqual(['debian/3.7.*', 'debian/3.8.*'])
    expect(postfix.obs).toMatchObject({ package: 'postfix-chatmail', create: true })
    expect(postfix.workDir).not.toBe(dovecot.workDir)
  })

  it('refuses secrets, run inputs, unknown keys and odd names, naming the input config', () => {
    const secret = errorOf('packages:\n  a:\n    obs-password: hunter2\n')
    expect(secret).toMatch(
      /^Input 'config': \.github\/patch-carrier\.yml: packages\.a\.obs-password: secrets/,
    )
    expect(secret).not.toContain('hunter2')
    expect(errorOf('packages:\n  a:\n    dry-run: true\n')).toContain('packages.a.dry-run: not an input')
    expect(errorOf('packages:\n  a:\n    upstream-urll: x\n')).toContain('upstream-urll')
    expect(errorOf('package:\n  a: {}\n')).toContain("unknown top-level key 'package'")
    expect(errorOf('packages: {}\n')).toContain('lists no packages')
    expect(errorOf('packages:\n  ../x: {}\n')).toContain("package name '../x'")
    expect(errorOf('packages:\n  a:\n    upstream-tags: {x: 1}\n')).toContain('must be a value or a list')
    expect(errorOf('packages: [a, b\n')).toContain('is not valid YAML')
  })

  it('an empty entry takes everything from the defaults and the step', () => {
    const config = parseConfig(
      'defaults:\n  upstream-url: https://example.org/u.git\npackages:\n  solo:\n',
      'c.yml',
    )
    const settings = parseSettings(packageReader(step, env, config, 'solo'), env)
    expect(settings.upstreamUrl).toBe('https://example.org/u.git')
    expect(settings.upstreamTags).toEqual(['*'])
  })
})

describe('bounded parallel look-ups', () => {
  it('runs up to the limit at once, never more, and keeps the order of results', async () => {
    let running = 0
    let most = 0
    const results = await mapBounded([50, 10, 30, 20, 40, 10, 5], 3, async (ms, index) => {
      running++
      most = Math.max(most, running)
      await new Promise((resolve) => setTimeout(resolve, ms))
      running--
      return index
    })
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(most).toBe(3)
  })
})
