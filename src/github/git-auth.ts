import { httpUrlWithoutCredentials } from '../urls/http-url.js'

/**
 * Environment that gives git the token for the commands of one run only: an `http.<url>.extraheader`
 * through GIT_CONFIG_COUNT/KEY/VALUE, the way GitHub's own checkout authenticates. The token never goes
 * into a URL (which git prints and stores as a remote) nor into any config file.
 */

/** The basic-auth value GitHub accepts for a token over git smart HTTP. */
export function basicAuthValue(token: string): string {
  return Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64')
}

/** `https://host[:port]/` for the server part of a URL; errors never echo the URL's credentials. */
function serverPrefix(serverUrl: string): string {
  const url = httpUrlWithoutCredentials(serverUrl, 'git server URL for the token')
  return `${url.protocol}//${url.host}/`
}

/**
 * GIT_CONFIG_* variables that send `AUTHORIZATION: basic base64(x-access-token:TOKEN)` to every URL under
 * `serverUrl` (scheme, host and port; the path is ignored). An empty value comes first: it clears any
 * extraheader a checkout persisted for the same server, so git never sends two Authorization headers.
 *
 * `inherited` is the environment the variables are added to (e.g. process.env): entries it already
 * numbers through GIT_CONFIG_COUNT are kept and ours are appended after them.
 */
export function gitAuthEnv(
  token: string,
  serverUrl: string,
  inherited: Record<string, string | undefined> = {},
): Record<string, string> {
  if (!token) throw new Error('the token for git is empty')
  if (/[\r\n\0]/.test(token)) throw new Error('the token for git contains a line break or NUL')
  const key = `http.${serverPrefix(serverUrl)}.extraheader`
  const entries: [string, string][] = [
    [key, ''],
    [key, `AUTHORIZATION: basic ${basicAuthValue(token)}`],
  ]
  const start = Number(inherited.GIT_CONFIG_COUNT ?? 0)
  const first = Number.isInteger(start) && start > 0 ? start : 0
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(first + entries.length) }
  entries.forEach(([name, value], index) => {
    env[`GIT_CONFIG_KEY_${first + index}`] = name
    env[`GIT_CONFIG_VALUE_${first + index}`] = value
  })
  return env
}
