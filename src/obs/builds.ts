import { ObsBuildError } from './errors.js'
import type { PackageRef } from './package.js'
import type { Transport } from './transport.js'
import { attr, children, childText, parseRoot } from './xml.js'

/** The state of one package build in one repository/architecture. */
export interface BuildStatus {
  repository: string
  arch: string
  /** The build's code: succeeded, failed, unresolvable, building, scheduled, … */
  code: string
  /** Multibuild flavours appear as `package:flavour`. */
  package: string
  details?: string
  /** OBS has not yet looked at the latest sources for this repository: the code may be stale. */
  dirty: boolean
}

export interface WaitRequest extends PackageRef {
  /** Give up after this long (default 2 h). */
  timeoutMs?: number
  /** Time between polls (default 30 s). */
  intervalMs?: number
  /** Wait before the first poll, so the scheduler has marked results of the old sources dirty (default 15 s). */
  settleMs?: number
}

export interface BuildSummary {
  results: BuildStatus[]
  /** One line per repository/arch: `Debian_12/x86_64: succeeded`. */
  lines: string[]
}

const failed = new Set(['failed', 'unresolvable', 'broken'])
const done = new Set(['succeeded', 'failed', 'unresolvable', 'broken', 'disabled', 'excluded', 'locked'])

/** Parses `GET /build/P/_result` into one status per repository/arch/package. */
export function parseResults(xml: string): BuildStatus[] {
  return children(parseRoot(xml, 'resultlist'), 'result').flatMap((result) =>
    children(result, 'status').map((status) => ({
      repository: attr(result, 'repository') ?? '?',
      arch: attr(result, 'arch') ?? '?',
      code: attr(status, 'code') ?? 'unknown',
      package: attr(status, 'package') ?? '?',
      details: (childText(status, 'details') ?? '').trim() || undefined,
      dirty: attr(result, 'dirty') === 'true' || attr(status, 'dirty') === 'true',
    })),
  )
}

export function summarise(results: readonly BuildStatus[]): string[] {
  return results.map(
    (r) =>
      `${r.repository}/${r.arch}${r.package.includes(':') ? ` (${r.package})` : ''}: ${r.code}${r.dirty ? ' (outdated)' : ''}${r.details ? ` — ${r.details}` : ''}`,
  )
}

/**
 * Polls build results until every repository/arch has a final code for the current sources.
 * Throws ObsBuildError as soon as one is failed/unresolvable/broken, and on timeout.
 */
export async function waitForBuilds(
  deps: {
    transport: Transport
    sleep: (ms: number) => Promise<void>
    now: () => number
    log: (line: string) => void
  },
  request: WaitRequest,
): Promise<BuildSummary> {
  const deadline = deps.now() + (request.timeoutMs ?? 2 * 3600_000)
  const label = `${request.project}/${request.package}`
  let last = ''
  await deps.sleep(request.settleMs ?? 15_000)
  for (;;) {
    const response = await deps.transport.request({
      method: 'GET',
      path: ['build', request.project, '_result'],
      query: { package: request.package, multibuild: '1', locallink: '1' },
    })
    const results = parseResults(response.text)
    const lines = summarise(results)
    if (lines.join('\n') !== last)
      deps.log(`OBS builds of ${label}:\n  ${lines.join('\n  ') || '(no repositories)'}`)
    last = lines.join('\n')
    if (results.length === 0)
      throw new ObsBuildError(
        `OBS project ${request.project} builds ${request.package} for no repository`,
        results,
      )
    // fail on the first final failure: the other repositories cannot make the run good
    const broken = results.filter((r) => failed.has(r.code) && !r.dirty)
    if (broken.length > 0)
      throw new ObsBuildError(`OBS builds of ${label} failed:\n  ${summarise(broken).join('\n  ')}`, results)
    if (results.every((r) => !r.dirty && done.has(r.code))) return { results, lines }
    if (deps.now() >= deadline) {
      throw new ObsBuildError(
        `OBS builds of ${label} did not finish in time:\n  ${lines.join('\n  ')}`,
        results,
      )
    }
    await deps.sleep(Math.min(request.intervalMs ?? 30_000, Math.max(0, deadline - deps.now())))
  }
}
