import type { GitRepo } from './repo.js'

/** Remote names a narrow work repository fetches from (see narrow-fetch.ts); they exist only in its environment. */
export const UPSTREAM_REMOTE = 'patch-carrier-upstream'
export const FORK_REMOTE = 'patch-carrier-fork'

/**
 * Environment that names the two remotes and, with `promisors`, makes them promisors: git then fetches an
 * object it lacks from them when a command needs it (upstream first, then the fork). The remotes live in
 * GIT_CONFIG_PARAMETERS only, so nothing is written to .git/config, and a command run without this
 * environment (a push) never fetches by itself. The fork's credentials come from the caller's environment,
 * as for every other fork command.
 */
export function promisorEnv(
  upstreamUrl: string | undefined,
  forkUrl: string,
  promisors = true,
): Record<string, string> {
  const entries: [string, string][] = []
  for (const [name, url] of [
    [UPSTREAM_REMOTE, upstreamUrl],
    [FORK_REMOTE, forkUrl],
  ] as const) {
    if (!url) continue
    entries.push([`remote.${name}.url`, url])
    if (promisors) {
      entries.push([`remote.${name}.promisor`, 'true'], [`remote.${name}.partialclonefilter`, 'blob:none'])
    }
  }
  const quoted = entries.map(([key, value]) => shellQuote(`${key}=${value}`))
  return { GIT_CONFIG_PARAMETERS: quoted.join(' ') }
}

/** git's own quoting for GIT_CONFIG_PARAMETERS (sq_quote): '…', with ' and ! quoted outside. */
function shellQuote(text: string): string {
  return `'${text.replace(/['!]/g, (char) => `'\\${char}'`)}'`
}

/**
 * Objects reachable from `revs` (commits, or trees as `<rev>^{tree}`) and not from `exclude` that the
 * repository lacks: listed, never fetched.
 */
export async function missingObjects(
  repo: GitRepo,
  revs: readonly string[],
  exclude: readonly string[] = [],
): Promise<string[]> {
  if (revs.length === 0) return []
  const listing = await repo.read([
    'rev-list',
    '--objects',
    '--no-object-names',
    '--missing=print',
    ...revs,
    ...(exclude.length > 0 ? ['--not', ...exclude] : []),
  ])
  return listing
    .split('\n')
    .filter((line) => line.startsWith('?'))
    .map((line) => line.slice(1))
}

/**
 * Fetches objects by name from one of the promisor remotes, in one request: what git does for a missing
 * object, but for all of them at once (no negotiation: the server sends exactly these).
 */
export async function fetchObjects(
  repo: GitRepo,
  remote: string,
  oids: readonly string[],
  env: Record<string, string> = {},
): Promise<void> {
  const wanted = [...new Set(oids)]
  if (wanted.length === 0) return
  await repo.exec(
    [
      '-c',
      'fetch.negotiationAlgorithm=noop',
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      '--recurse-submodules=no',
      '--filter=blob:none',
      '--stdin',
      remote,
    ],
    { input: `${wanted.join('\n')}\n`, env },
  )
}

/** Which of `oids` the object store holds: asked without the promisor remotes, so nothing is fetched. */
export async function presentObjects(repo: GitRepo, oids: readonly string[]): Promise<Set<string>> {
  if (oids.length === 0) return new Set()
  const answer = await repo.read(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    input: `${oids.join('\n')}\n`,
    env: withoutPromisors(),
  })
  return new Set(
    answer
      .split('\n')
      .filter((line) => !line.endsWith(' missing'))
      .map((line) => line.slice(0, line.indexOf(' '))),
  )
}

/** The environment that takes promisorEnv's remotes away again (for one command). */
export function withoutPromisors(): Record<string, string> {
  return { GIT_CONFIG_PARAMETERS: '' }
}
