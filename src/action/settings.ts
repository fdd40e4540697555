import { join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { carriesCredentials, credentialsRefusal, isLoopbackHost } from '../urls/credentials.js'
import { parseHttpUrl } from '../urls/http-url.js'

export type Mode = 'sync' | 'build' | 'check' | 'backport'
export type VersionOrderSetting = 'debian' | 'semver' | 'auto'
export type Packaging = 'debian' | 'rpm' | 'none' | 'auto'
export type OrigSource = 'pristine-tar' | 'git-archive' | 'auto'

export interface ObsSettings {
  url: string
  project?: string
  package?: string
  user?: string
  password?: string
  sshKey?: string
  keep: string[]
  create: boolean
  /** Wait for the OBS builds after publishing, failing on failed builds; undefined = do not wait. */
  waitMinutes?: number
}

/** A suite set of a Debian archive followed as upstream (input upstream-archive and its companions). */
export interface ArchiveUpstream {
  /**
   * Base URLs, without a trailing slash (`http://deb.debian.org/debian-security`): each suite is read from
   * the first that has it, as Debian keeps `bookworm` and `bookworm-security` under two roots.
   */
  urls: string[]
  /** Suites whose newest version wins, in dpkg order. */
  suites: string[]
  /** Source package; undefined = the Source of the fork's debian/control. */
  package?: string
  /** A keyring file, or ASCII-armored public keys: InRelease must verify against these alone. */
  keyring: { kind: 'file'; path: string } | { kind: 'armored'; text: string }
  /** Where the downstream commits begin when the branch contains no import yet. */
  downstreamBase?: string
}

/** Every input of the action, parsed and validated once. */
export interface Settings {
  mode: Mode
  /** `owner/name` of the fork (for the pull-request API); may be empty outside GitHub. */
  repository: string
  /** git URL of the fork. */
  remoteUrl: string
  /** Fork branch carrying the downstream commits; undefined = the remote's HEAD branch. */
  branch?: string
  upstreamUrl?: string
  /** A Debian archive as upstream (instead of upstreamUrl). */
  upstreamArchive?: ArchiveUpstream
  upstreamTags: string[]
  upstreamTag?: string
  /** Pinned fork (input backport-from): the watched source's version or tag the backports start after. */
  backportFrom?: string
  /** Armored OpenPGP public keys: when set, the upstream tag must be a tag signed by one of them. */
  upstreamSigningKey?: string
  versionOrder: VersionOrderSetting
  packaging: Packaging
  versionSuffix: string
  origSource: OrigSource
  origComponents: string[]
  maintainer: { name: string; email: string }
  distribution: string
  obs: ObsSettings
  githubToken?: string
  apiUrl: string
  serverUrl: string
  conflict: 'pull-request' | 'fail'
  review: 'on-conflict' | 'always'
  outputDir: string
  workDir: string
  dryRun: boolean
  /** Link to this workflow run, for commit messages; undefined outside GitHub. */
  runUrl?: string
  /** The entry of the config file this run is for (input `package`). */
  packageName?: string
  /** Keep upstream git objects and orig tarballs between runs (input `cache`). */
  cache: boolean
  /** Where the cache lives (input `cache-dir`); unset: $RUNNER_TEMP/patch-carrier-cache, on GitHub only. */
  cacheDir?: string
  /** Build in a tmpfs (/dev/shm) when it has room (input `scratch-in-memory`). */
  scratchInMemory: boolean
}

/** An input has an invalid value; the message names the input. */
export class SettingsError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`Input '${input}': ${message}`)
    this.name = 'SettingsError'
  }
}

/** Reads one raw input value ('' when unset), as core.getInput does. */
export type InputReader = (name: string) => string

/** Reads inputs from INPUT_<NAME> variables (name upper-cased, hyphens kept), as on GitHub. */
export function inputsFromEnv(env: NodeJS.ProcessEnv): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

function oneOf<T extends string>(read: InputReader, input: string, allowed: readonly T[], fallback: T): T {
  const value = read(input) || fallback
  if (!(allowed as readonly string[]).includes(value)) {
    throw new SettingsError(input, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`)
  }
  return value as T
}

function boolean(read: InputReader, input: string, fallback: boolean): boolean {
  const value = read(input)
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new SettingsError(input, `must be true or false (got ${JSON.stringify(value)})`)
}

/** Splits a newline- or comma-separated list, trimming and dropping empty items. */
export function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean)
}

function minutes(read: InputReader, input: string, fallback: number): number {
  const value = read(input)
  if (value === '') return fallback
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 24 * 60) {
    throw new SettingsError(
      input,
      `must be a whole number of minutes from 1 to 1440 (got ${JSON.stringify(value)})`,
    )
  }
  return Number(value)
}

function optional(read: InputReader, input: string): string | undefined {
  return read(input) || undefined
}

// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f]/

function gitUrl(input: string, value: string): string {
  // first: the messages below echo the value
  if (carriesCredentials(value)) throw new SettingsError(input, credentialsRefusal(input))
  if (controlCharacters.test(value) || value.startsWith('-')) {
    throw new SettingsError(input, `is not a usable git URL: ${JSON.stringify(value)}`)
  }
  // git's ext:: and fd:: transports run commands or use file descriptors: never a repository URL
  if (/^(ext|fd)::/i.test(value)) {
    throw new SettingsError(input, `must not use git's ${value.split('::')[0]}:: transport`)
  }
  return value
}

function httpUrl(input: string, value: string): string {
  if (carriesCredentials(value)) throw new SettingsError(input, credentialsRefusal(input))
  if (controlCharacters.test(value)) throw new SettingsError(input, 'must not hold control characters')
  const url = parseHttpUrl(value)
  if (url === 'must not carry credentials') throw new SettingsError(input, credentialsRefusal(input))
  if (typeof url === 'string') {
    throw new SettingsError(input, `must be an http(s) URL (got ${JSON.stringify(value)})`)
  }
  return value.replace(/\/+$/, '')
}

function maintainer(value: string): { name: string; email: string } {
  const match = /^([^<>\n]+?)\s*<([^<>\s@]+@[^<>\s@]+)>$/.exec(value)
  if (!match?.[1] || !match[2]) {
    throw new SettingsError(
      'maintainer',
      `must look like "Full Name <email@example.org>" (got ${JSON.stringify(value)})`,
    )
  }
  return { name: match[1], email: match[2] }
}

function versionSuffix(value: string): string {
  // Debian and RPM version characters only; {n} is the build counter.
  const plain = value.replace('{n}', '1')
  if (value.split('{n}').length > 2 || !/^[A-Za-z0-9.+~]*$/.test(plain)) {
    throw new SettingsError(
      'version-suffix',
      `may hold letters, digits, '.', '+', '~' and one '{n}' (got ${JSON.stringify(value)})`,
    )
  }
  return value
}

function signingKey(value: string): string | undefined {
  if (!value) return undefined
  if (/PRIVATE KEY/.test(value)) {
    throw new SettingsError('upstream-signing-key', 'holds a private key: give the public key(s) only')
  }
  if (!/-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]+-----END PGP PUBLIC KEY BLOCK-----/.test(value)) {
    throw new SettingsError(
      'upstream-signing-key',
      'must be ASCII-armored OpenPGP public key(s) (-----BEGIN PGP PUBLIC KEY BLOCK-----)',
    )
  }
  return value
}

const obsName = /^[A-Za-z0-9_][A-Za-z0-9_.:+-]*$/

function obsSettings(read: InputReader): ObsSettings {
  const project = optional(read, 'obs-project')
  const pkg = optional(read, 'obs-package')
  if (project && !obsName.test(project))
    throw new SettingsError('obs-project', `is not a valid OBS project name: ${JSON.stringify(project)}`)
  if (pkg && !obsName.test(pkg))
    throw new SettingsError('obs-package', `is not a valid OBS package name: ${JSON.stringify(pkg)}`)
  if (Boolean(project) !== Boolean(pkg)) {
    throw new SettingsError(
      project ? 'obs-package' : 'obs-project',
      'obs-project and obs-package go together: set both or neither',
    )
  }
  const user = optional(read, 'obs-user')
  const password = optional(read, 'obs-password')
  const sshKey = optional(read, 'obs-ssh-key')
  if (project && !user)
    throw new SettingsError('obs-user', 'is required to publish to OBS (obs-project is set)')
  if (project && !password && !sshKey) {
    throw new SettingsError('obs-password', 'publishing to OBS needs obs-password or obs-ssh-key')
  }
  const keep = read('obs-keep')
  const url = httpUrl('obs-url', read('obs-url') || 'https://api.opensuse.org')
  if (password && new URL(url).protocol === 'http:' && !isLoopbackHost(new URL(url).hostname)) {
    throw new SettingsError(
      'obs-url',
      'is http:// and obs-password is set: the password would cross the network unencrypted; use https:// ' +
        '(http:// only for an OBS on this machine: 127.0.0.1, ::1, localhost)',
    )
  }
  return {
    url,
    project,
    package: pkg,
    user,
    password,
    sshKey,
    keep: keep ? list(keep) : ['_service*', '_constraints', '_multibuild'],
    create: boolean(read, 'obs-create', false),
    waitMinutes: boolean(read, 'obs-wait', false) ? minutes(read, 'obs-wait-timeout', 120) : undefined,
  }
}

/** Parses and validates every input; throws one SettingsError naming the first bad input. */
export function parseSettings(read: InputReader, env: NodeJS.ProcessEnv): Settings {
  const mode = oneOf(read, 'mode', ['sync', 'build', 'check', 'backport'] as const, 'sync')
  const serverUrl = httpUrl('GITHUB_SERVER_URL', env.GITHUB_SERVER_URL || 'https://github.com')
  const { repository, remote } = fork(read, env, serverUrl)
  const { upstreamUrl, upstreamArchive } = upstream(read, mode)
  const branch = refPart(read, 'branch', 'branch')
  const upstreamTag = refPart(read, 'upstream-tag', 'tag')
  const backportFrom = backportStart(read, mode)
  const runnerTemp = env.RUNNER_TEMP || tmpdir()
  const runUrl =
    env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
      ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined
  const distribution = distributionName(read)
  const components = origComponents(read)
  return {
    mode,
    repository,
    remoteUrl: gitUrl('remote-url', remote),
    branch,
    upstreamUrl: upstreamUrl && gitUrl('upstream-url', upstreamUrl),
    upstreamArchive,
    upstreamTags: list(read('upstream-tags') || '*'),
    upstreamTag,
    backportFrom,
    upstreamSigningKey: signingKey(read('upstream-signing-key')),
    versionOrder: oneOf(read, 'version-order', ['debian', 'semver', 'auto'] as const, 'auto'),
    packaging: oneOf(read, 'packaging', ['debian', 'rpm', 'none', 'auto'] as const, 'auto'),
    versionSuffix: versionSuffix(read('version-suffix') || '+carrier{n}'),
    origSource: oneOf(read, 'orig-source', ['pristine-tar', 'git-archive', 'auto'] as const, 'auto'),
    origComponents: components,
    maintainer: maintainer(read('maintainer') || 'patch-carrier <patch-carrier@users.noreply.github.com>'),
    distribution,
    obs: obsSettings(read),
    githubToken: optional(read, 'github-token'),
    apiUrl: httpUrl('GITHUB_API_URL', env.GITHUB_API_URL || 'https://api.github.com'),
    serverUrl,
    conflict: oneOf(read, 'conflict', ['pull-request', 'fail'] as const, 'pull-request'),
    review: oneOf(read, 'review', ['on-conflict', 'always'] as const, 'on-conflict'),
    outputDir: read('output-dir') || join(runnerTemp, 'patch-carrier'),
    workDir: read('work-dir') || join(runnerTemp, 'patch-carrier-work'),
    dryRun: boolean(read, 'dry-run', false),
    runUrl,
    packageName: optional(read, 'package'),
    cache: boolean(read, 'cache', true),
    cacheDir: optional(read, 'cache-dir'),
    scratchInMemory: boolean(read, 'scratch-in-memory', true),
  }
}

/** The fork: `owner/name` (input or GITHUB_REPOSITORY) and its git URL (input remote-url, or from the name). */
function fork(
  read: InputReader,
  env: NodeJS.ProcessEnv,
  serverUrl: string,
): { repository: string; remote: string } {
  const repository = read('repository') || env.GITHUB_REPOSITORY || ''
  if (repository && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) {
    throw new SettingsError('repository', `must be owner/name (got ${JSON.stringify(repository)})`)
  }
  const remote = read('remote-url') || (repository ? `${serverUrl}/${repository}.git` : '')
  if (!remote)
    throw new SettingsError('remote-url', 'is required when repository (GITHUB_REPOSITORY) is not set')
  return { repository, remote }
}

/** The upstream: a git URL, a Debian archive, or (a pinned fork) both; which the mode requires. */
function upstream(
  read: InputReader,
  mode: Mode,
): { upstreamUrl?: string; upstreamArchive?: ArchiveUpstream } {
  const upstreamUrl = optional(read, 'upstream-url')
  const upstreamArchive = archiveUpstream(read)
  if (upstreamArchive && read('upstream-signing-key')) {
    throw new SettingsError(
      'upstream-signing-key',
      "verifies git tags; with upstream-archive the archive's InRelease signature (archive-keyring) is the trust",
    )
  }
  // a pinned fork watches the archive but is built on its own upstream: upstream-url names that one
  const pinned = mode === 'backport' || (mode === 'check' && read('backport-from') !== '')
  if (pinned && upstreamArchive && !upstreamUrl && mode === 'backport')
    throw new SettingsError(
      'upstream-url',
      "is required in mode backport with upstream-archive too: the fork's own upstream (its tag, orig tarballs)",
    )
  if (upstreamUrl && upstreamArchive && !pinned) {
    throw new SettingsError(
      'upstream-archive',
      'upstream-url and upstream-archive are two kinds of upstream: set one of them, not both',
    )
  }
  if (!upstreamUrl && !upstreamArchive && mode !== 'build')
    throw new SettingsError('upstream-url', `(or upstream-archive) is required in mode ${mode}`)
  return { upstreamUrl, upstreamArchive }
}

/** An optional branch or tag name input, refused when it is not a safe ref name. */
function refPart(read: InputReader, input: string, kind: 'branch' | 'tag'): string | undefined {
  const value = optional(read, input)
  if (value && !isSafeRefPart(value))
    throw new SettingsError(input, `is not a valid ${kind} name: ${JSON.stringify(value)}`)
  return value
}

function distributionName(read: InputReader): string {
  const distribution = read('distribution') || 'UNRELEASED'
  if (!/^[A-Za-z0-9][A-Za-z0-9.+-]*$/.test(distribution)) {
    throw new SettingsError(
      'distribution',
      `is not a valid Debian distribution name: ${JSON.stringify(distribution)}`,
    )
  }
  return distribution
}

function origComponents(read: InputReader): string[] {
  const components = list(read('orig-components'))
  for (const component of components) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(component)) {
      throw new SettingsError(
        'orig-components',
        `${JSON.stringify(component)} is not a valid component name (letters, digits, '-')`,
      )
    }
  }
  return components
}

/** backport-from: required in mode backport, a pinned fork's marker in check, wrong in sync. */
function backportStart(read: InputReader, mode: Mode): string | undefined {
  const value = optional(read, 'backport-from')
  if (mode === 'backport') {
    if (!value)
      throw new SettingsError(
        'backport-from',
        'is required in mode backport: the version (or tag) the fork has ported up to, e.g. "1:2.3.19.1+dfsg1-2.1"',
      )
    for (const input of ['upstream-tag', 'review'] as const) {
      if (read(input) && !(input === 'review' && read(input) === 'on-conflict'))
        throw new SettingsError(input, 'is not supported in mode backport')
    }
  }
  if (!value) return undefined
  // the default `*` would watch the fork's own line too, and port a newer upstream's patches
  if (read('upstream-tags') === '' && read('upstream-archive') === '')
    throw new SettingsError(
      'upstream-tags',
      'is required with backport-from: the glob of the watched versions, e.g. "debian/1%2.3.19.1+dfsg1-2.1+deb12u*"',
    )
  if (mode === 'sync')
    throw new SettingsError(
      'backport-from',
      'marks a pinned fork: use it with mode backport (or check), not sync',
    )
  // a Debian version (`1:2.3-1~deb12u1`) is no ref name, a tag (`debian/1%2.3-1`) is: either will do
  if (
    value.startsWith('-') ||
    controlCharacters.test(value) ||
    !(isSafeRefPart(value) || /^[0-9][A-Za-z0-9.+~:-]*$/.test(value))
  )
    throw new SettingsError('backport-from', `is neither a version nor a tag name: ${JSON.stringify(value)}`)
  return value
}

export const defaultArchiveKeyring = '/usr/share/keyrings/debian-archive-keyring.gpg'

// Suite names as Debian's archives spell them (`bookworm-security`, `stable-updates`); a `/` for old layouts.
const suiteName = /^[A-Za-z0-9][A-Za-z0-9._+-]*(\/[A-Za-z0-9][A-Za-z0-9._+-]*)*$/
const sourceName = /^[a-z0-9][a-z0-9+.-]+$/

/** upstream-archive and its companions; undefined when upstream-archive is not set. */
function archiveUpstream(read: InputReader): ArchiveUpstream | undefined {
  const url = optional(read, 'upstream-archive')
  const companions = ['upstream-suites', 'upstream-package', 'archive-keyring', 'downstream-base']
  if (!url) {
    const stray = companions.find((input) => read(input) !== '')
    if (stray) throw new SettingsError(stray, 'applies only with upstream-archive, which is not set')
    return undefined
  }
  const suites = list(read('upstream-suites'))
  if (suites.length === 0)
    throw new SettingsError('upstream-suites', 'is required with upstream-archive (e.g. "bookworm-security")')
  for (const suite of suites) {
    if (!suiteName.test(suite) || suite.includes('..'))
      throw new SettingsError('upstream-suites', `${JSON.stringify(suite)} is not a suite name`)
  }
  const pkg = optional(read, 'upstream-package')
  if (pkg && !sourceName.test(pkg))
    throw new SettingsError('upstream-package', `is not a Debian source package name: ${JSON.stringify(pkg)}`)
  const downstreamBase = optional(read, 'downstream-base')
  if (downstreamBase && !isSafeRefPart(downstreamBase))
    throw new SettingsError(
      'downstream-base',
      `is not a commit, tag or ref: ${JSON.stringify(downstreamBase)}`,
    )
  return {
    urls: [...new Set(list(url).map((one) => httpUrl('upstream-archive', one)))],
    suites: [...new Set(suites)],
    package: pkg,
    keyring: archiveKeyring(read('archive-keyring')),
    downstreamBase,
  }
}

function archiveKeyring(value: string): ArchiveUpstream['keyring'] {
  if (value === '') return { kind: 'file', path: defaultArchiveKeyring }
  if (/PRIVATE KEY/.test(value))
    throw new SettingsError('archive-keyring', 'holds a private key: give the public key(s) only')
  if (value.includes('-----BEGIN PGP PUBLIC KEY BLOCK-----')) return { kind: 'armored', text: value }
  if (controlCharacters.test(value))
    throw new SettingsError(
      'archive-keyring',
      `must be the path of a keyring file or ASCII-armored public keys (got ${JSON.stringify(value.slice(0, 80))})`,
    )
  // a relative path is the workflow's: the checkout of the repository holding the workflow
  return { kind: 'file', path: resolve(value) }
}

/** A branch or tag name git accepts and that cannot be taken for an option. */
export function isSafeRefPart(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    !name.startsWith('-') &&
    !name.startsWith('/') &&
    !name.endsWith('/') &&
    !name.endsWith('.') &&
    !name.endsWith('.lock') &&
    !name.includes('..') &&
    !name.includes('@{') &&
    !name.includes('//') &&
    name !== '@' &&
    !/[~^:?*[\\\s]/.test(name) &&
    !controlCharacters.test(name) &&
    !name.split('/').some((part) => part.startsWith('.'))
  )
}
