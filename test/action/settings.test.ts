import { describe, expect, it } from 'vitest'
import { parseSettings, SettingsError, type Settings } from '../../src/action/settings.js'
import { requireTools, run } from '../../src/process/run.js'

const base = {
  'remote-url': 'file:///srv/fork.git',
  'upstream-url': 'https://salsa.debian.org/debian/dovecot.git',
}

function parse(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): Settings {
  return parseSettings((name) => inputs[name] ?? '', { RUNNER_TEMP: '/tmp/runner', ...env })
}

function errorOf(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): SettingsError {
  try {
    parse(inputs, env)
  } catch (error) {
    if (error instanceof SettingsError) return error
    throw error
  }
  throw new Error('expected a SettingsError')
}

describe('settings', () => {
  it('has the documented defaults', () => {
    const settings = parse(base)
    expect(settings).toMatchObject({
      mode: 'sync',
      upstreamTags: ['*'],
      versionOrder: 'auto',
      packaging: 'auto',
      versionSuffix: '+carrier{n}',
      origSource: 'auto',
      origComponents: [],
      maintainer: { name: 'patch-carrier', email: 'patch-carrier@users.noreply.github.com' },
      distribution: 'UNRELEASED',
      conflict: 'pull-request',
      review: 'on-conflict',
      outputDir: '/tmp/runner/patch-carrier',
      dryRun: false,
      obs: {
        url: 'https://api.opensuse.org',
        keep: ['_service*', '_constraints', '_multibuild'],
        create: false,
      },
    })
  })

  it('derives remote-url from the repository on GitHub', () => {
    const settings = parse(
      { 'upstream-url': base['upstream-url'] },
      { GITHUB_REPOSITORY: 'me/dovecot', GITHUB_SERVER_URL: 'https://github.com' },
    )
    expect(settings.remoteUrl).toBe('https://github.com/me/dovecot.git')
    expect(settings.repository).toBe('me/dovecot')
  })

  it('splits globs and components on newlines and commas', () => {
    const settings = parse({
      ...base,
      'upstream-tags': 'debian/*,\n v* \n',
      'orig-components': 'pigeonhole, extra',
    })
    expect(settings.upstreamTags).toEqual(['debian/*', 'v*'])
    expect(settings.origComponents).toEqual(['pigeonhole', 'extra'])
  })

  it.each([
    [{ mode: 'sink' }, 'mode', 'must be one of sync, build, check'],
    [{ 'upstream-url': '' }, 'upstream-url', 'is required in mode sync'],
    [{ 'upstream-url': 'https://user:pw@example.org/x.git' }, 'upstream-url', 'must not carry credentials'],
    [{ 'remote-url': '--upload-pack=evil' }, 'remote-url', 'not a usable git URL'],
    [{ 'version-order': 'random' }, 'version-order', 'must be one of'],
    [{ packaging: 'snap' }, 'packaging', 'must be one of'],
    [{ 'version-suffix': '+a b' }, 'version-suffix', 'may hold letters'],
    [{ 'version-suffix': '+{n}x{n}' }, 'version-suffix', "one '{n}'"],
    [{ 'orig-source': 'tarball' }, 'orig-source', 'must be one of'],
    [{ 'orig-components': 'pigeon/hole' }, 'orig-components', 'not a valid component'],
    [{ maintainer: 'nobody' }, 'maintainer', 'Full Name <email'],
    [{ distribution: 'a;b' }, 'distribution', 'not a valid Debian distribution'],
    [{ 'obs-url': 'ftp://x' }, 'obs-url', 'http(s) URL'],
    [{ 'obs-project': 'home:me' }, 'obs-package', 'go together'],
    [{ 'obs-project': 'home:me', 'obs-package': 'p' }, 'obs-user', 'is required'],
    [{ 'obs-project': 'home:me', 'obs-package': 'p', 'obs-user': 'me' }, 'obs-password', 'obs-ssh-key'],
    [{ 'obs-project': 'bad project', 'obs-package': 'p' }, 'obs-project', 'not a valid OBS project'],
    [{ conflict: 'ignore' }, 'conflict', 'must be one of'],
    [{ review: 'never' }, 'review', 'must be one of'],
    [{ 'dry-run': 'yes' }, 'dry-run', 'true or false'],
    [{ branch: '-f' }, 'branch', 'not a valid branch name'],
    [{ 'upstream-tag': 'v1 0' }, 'upstream-tag', 'not a valid tag name'],
    [{ repository: 'not a repo' }, 'repository', 'must be owner/name'],
  ])('rejects %o with one message naming the input', (inputs, input, words) => {
    const error = errorOf({ ...base, ...inputs })
    expect(error.input).toBe(input)
    expect(error.message).toContain(`Input '${input}'`)
    expect(error.message).toContain(words)
  })

  it('never echoes a secret in an error', () => {
    const error = errorOf({
      ...base,
      'obs-project': 'home:me',
      'obs-package': 'p',
      'obs-user': 'me',
      'obs-password': 'hunter2-secret',
      'obs-url': 'gopher://x',
    })
    expect(error.message).not.toContain('hunter2-secret')
  })
})

describe('tools', () => {
  it('names the Debian package of a missing program', async () => {
    await expect(requireTools(['git', 'pristine-tar-not-here'])).rejects.toThrow(
      /pristine-tar-not-here.*apt-get install/,
    )
    await expect(run('dpkg-source', ['--version'], { env: { PATH: '/nonexistent' } })).rejects.toThrow(
      "'dpkg-source' was not found: install the Debian package 'dpkg-dev'",
    )
  })
})

describe('action.yml', () => {
  it('declares every input the settings read, and every declared input is read', async () => {
    const { readFile } = await import('node:fs/promises')
    const { parse } = await import('yaml')
    const declared = Object.keys(
      parse(await readFile('action.yml', 'utf8')).inputs as Record<string, unknown>,
    )
    const read = new Set<string>()
    parseSettings(
      (name) => {
        read.add(name)
        return name === 'obs-wait' ? 'true' : (base[name as keyof typeof base] ?? '')
      },
      { RUNNER_TEMP: '/tmp/runner' },
    )
    expect([...read].filter((name) => !declared.includes(name))).toEqual([])
    // `config` is read before the settings, to pick the package entry they are parsed for
    expect(declared.filter((name) => !read.has(name))).toEqual(['config'])
  })
})
