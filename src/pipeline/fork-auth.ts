import type { Settings } from '../settings.js'
import { gitAuthEnv } from '../github/git-auth.js'

/** Git environment that authenticates to the fork for this run only (http(s) remotes with a token). */
export function forkAuthEnv(settings: Settings): Record<string, string> {
  if (!settings.githubToken || !/^https?:\/\//i.test(settings.remoteUrl)) return {}
  const url = new URL(settings.remoteUrl)
  return gitAuthEnv(settings.githubToken, `${url.protocol}//${url.host}/`)
}
