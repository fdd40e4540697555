import { expect } from 'vitest'
import { carrierScenario, type CarrierScenario, type NextRelease } from './github-scenario.js'
import { git } from './git.js'
import { oscRevisions, oscRevisionsOrNone } from './obs-fixtures.js'
import type { ObsTestServer } from './obs-server.js'
import type { Fork } from './debian-fixtures.js'
import { installHooks, type ForkHooks } from './reliability-fork.js'

export const obsProject = 'home:reliability'
export const obsPassword = 'sentinel-obs-password-r3l1'

/** What a converged state is checked against: a fork of hello 1.0-1 carrying fast.patch, updated to 1.1-1. */
export interface ConvergeTarget {
  fork: Fork
  /** The fork branch head before any run. */
  start: string
  /** The commit of the upstream tag the branch must end on. */
  tagHead: string
  pkg: string
}

/** A carrier scenario (fork over token-checked smart HTTP, GitHub stand-in) that also publishes to OBS. */
export interface PublishingScenario extends CarrierScenario, ConvergeTarget {
  hooks: ForkHooks
  obsInputs: Record<string, string>
  obsRevisions(): Promise<number>
  /** Pushes accepted by the fork since the scenario was made. */
  pushes(): Promise<string[][]>
}

export async function publishingScenario(
  obs: ObsTestServer,
  next: NextRelease,
  pkg: string,
): Promise<PublishingScenario> {
  const s = await carrierScenario(next)
  const hooks = await installHooks(s.fork.bare)
  const obsInputs = {
    'obs-url': obs.apiUrl,
    'obs-project': obsProject,
    'obs-package': pkg,
    'obs-user': 'carrier',
    'obs-password': obsPassword,
    'obs-create': 'true',
  }
  const start = await s.fork.head()
  const sync = s.sync
  return Object.assign(s, {
    hooks,
    pkg,
    start,
    tagHead: await s.tagCommit(s.tag),
    obsInputs,
    sync: (inputs: Record<string, string> = {}) => sync({ ...obsInputs, ...inputs }),
    obsRevisions: () => oscRevisionsOrNone(obs, obsProject, pkg),
    pushes: () => hooks.pushes(),
  })
}

/**
 * The state every clean run must end in, whatever happened before: the branch is the downstream patch on
 * the new tag, the old head is kept under its archive tag (nothing lost), the build is recorded, and OBS
 * has exactly one revision holding exactly this version's files.
 */
export async function assertConverged(
  s: ConvergeTarget,
  obs?: ObsTestServer,
  options: { concurrent?: boolean } = {},
): Promise<void> {
  const refs = await s.fork.refs()
  const main = refs.get('refs/heads/main')!
  expect(await git(s.fork.bare, 'log', '--format=%s', `${s.tagHead}..${main}`)).toBe('Add fast.patch')
  expect(refs.get(`refs/tags/patch-carrier/archive/debian/1.0-1/${s.start.slice(0, 12)}`)).toBe(s.start)
  expect(refs.get('refs/tags/patch-carrier/build/1.1-1+carrier1')).toBe(main)
  if (!obs) return // a run that does not publish
  if (options.concurrent) {
    // OBS has no conditional commit: two runs whose commits cross within milliseconds can both commit;
    // the second revision then repeats the first exactly (same srcmd5): nothing is overwritten
    const history = await obs.osc(['api', `/source/${obsProject}/${s.pkg}/_history`])
    const srcmd5s = [...history.matchAll(/<srcmd5>(\w+)<\/srcmd5>/g)].map((match) => match[1])
    expect(srcmd5s.length).toBeGreaterThanOrEqual(1)
    expect(srcmd5s.length).toBeLessThanOrEqual(2)
    expect(new Set(srcmd5s).size).toBe(1)
  } else expect(await oscRevisions(obs, obsProject, s.pkg)).toBe(1)
  const files = (await obs.osc(['ls', obsProject, s.pkg])).split('\n').filter(Boolean).sort()
  expect(files).toEqual([
    'hello_1.1-1+carrier1.debian.tar.xz',
    'hello_1.1-1+carrier1.dsc',
    'hello_1.1.orig.tar.gz',
  ])
}
