import type { Settings } from '../action/settings.js'
import { gitAuthEnv } from '../github/git-auth.js'

/**
 * Git environment that authenticates to the fork for this run only. The token goes to the GitHub server
 * (GITHUB_SERVER_URL) alone: a fork on another host gets nothing, and the header is keyed to the server,
 * so no other URL a command names (an upstream elsewhere) receives it either.
 */
export function forkAuthEnv(settings: Settings): Record<string, string> {
  if (!settings.githubToken || !onServer(settings.remoteUrl, settings.serverUrl)) return {}
  return gitAuthEnv(settings.githubToken, settings.serverUrl)
}

/** Says why an http(s) remote-url on another host gets no github-token; undefined when that is not so. */
export function tokenWithheldNote(settings: Settings): string | undefined {
  if (!settings.githubToken || !/^https?:\/\//i.test(settings.remoteUrl)) return undefined
  if (onServer(settings.remoteUrl, settings.serverUrl)) return undefined
  return (
    `github-token is not sent to ${new URL(settings.remoteUrl).host}: it goes only to the GitHub server ` +
    `${settings.serverUrl} (GITHUB_SERVER_URL); authenticate this remote-url with a credential helper ` +
    'or an ssh URL'
  )
}

/** Same scheme, host and port (`https://github.com/o/r.git` is on `https://github.com`). */
export function onServer(url: string, serverUrl: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false
  try {
    const remote = new URL(url)
    const server = new URL(serverUrl)
    return remote.protocol === server.protocol && remote.host === server.host
  } catch {
    return false
  }
}
