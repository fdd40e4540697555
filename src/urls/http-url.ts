/**
 * `text` as an http(s) URL that carries no credentials, or what is wrong with it (to follow the name of
 * what it is: "is not a URL", "must be http(s), got ftp:", "must not carry credentials"). The problem
 * never echoes the text, which may hold a credential.
 */
export function parseHttpUrl(text: string): URL | string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'is not a URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must be http(s), got ${url.protocol}`
  if (url.username || url.password) return 'must not carry credentials'
  return url
}

/** `text` as an http(s) URL without credentials; else an Error naming it as `what` ("GitHub API URL"). */
export function httpUrlWithoutCredentials(text: string, what: string): URL {
  const url = parseHttpUrl(text)
  if (typeof url === 'string') throw new Error(`${what} ${url}`)
  return url
}
