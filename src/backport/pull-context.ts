import type { GitRepo } from '../git/repo.js'
import type { Logger } from '../pipeline/deps.js'
import type { RunReport } from '../pipeline/report.js'
import type { Settings } from '../action/settings.js'
import type { BackportDiscovery } from './discover.js'
import type { BackportPulls } from './pulls.js'

/** What the pull request steps of a backport run work with. */
export interface PullContext {
  settings: Settings
  discovery: BackportDiscovery
  /** The work repository, authenticated to the fork for this run. */
  repo: GitRepo
  pulls: BackportPulls
  log: Logger
  report: RunReport
}
