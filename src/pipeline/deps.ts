import type { Packager } from '../packaging/packager.js'
import type { GitRepo } from '../git/repo.js'
import type { Settings } from '../action/settings.js'
import type { ObsClient } from '../obs/index.js'
import type { UpstreamCache } from '../cache/session.js'

/** Where the pipeline reports progress: log lines, annotations, timed groups. */
export interface Logger {
  info(message: string): void
  warning(message: string, file?: string): void
  /** Runs one stage inside a collapsible log group and returns its result. */
  group<T>(name: string, stage: () => Promise<T>): Promise<T>
}

/** The pipeline's collaborators, passed in so tests can use real ones or small fakes. */
export interface Deps {
  log: Logger
  /** Picks the packager for a tree (settings.packaging, or auto-detected from the tree). */
  packagerFor(repo: GitRepo, head: string, settings: Settings): Promise<Packager>
  /** The OBS client for the obs-* settings (called only when publishing). */
  obsFor(settings: Settings): ObsClient
  /** Upstream objects and orig tarballs kept between runs, when caching is on. */
  cache?: UpstreamCache
}
