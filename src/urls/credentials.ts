/** git's `<transport>::<address>` form (`https::https://…`): the address behind it is what is fetched. */
const transportPrefix = /^[A-Za-z][A-Za-z0-9+.-]*::/
const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//
const sshSchemes = /^(ssh|git\+ssh|ssh\+git)$/i
/** An ssh login name (`git` in `ssh://git@host/…`): no secret, ssh never takes a password from a URL. */
const loginName = /^[A-Za-z0-9._-]+$/

/**
 * Whether a git or http(s) URL carries credentials: anything before an `@` in its authority
 * (`user:password@`, a token as the user alone, percent-encoded or not), behind a `<transport>::`
 * prefix too, or `user:secret@host:path` in scp form. An ssh login name is not a credential.
 */
export function carriesCredentials(url: string): boolean {
  let address = url
  while (transportPrefix.test(address)) address = address.replace(transportPrefix, '')
  const named = scheme.exec(address)
  if (named) {
    // the authority ends where git and curl end it: at the first '/', '?' or '#'
    const authority = address.slice(named[0].length).split(/[/?#]/, 1)[0] ?? ''
    const at = authority.lastIndexOf('@')
    if (at < 0) return false
    return !(sshSchemes.test(named[1] ?? '') && loginName.test(authority.slice(0, at)))
  }
  // scp form `[user@]host:path`; also what a lenient URL parser reads as `https:user:pass@host`
  return /^[^/@]*:[^/@]*@/.test(address)
}

/** A host that stays on this machine: 127.0.0.0/8, ::1, localhost (as `new URL(…).hostname` gives it). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

const gitAdvice =
  'github-token authenticates to the GitHub server; for another host use a credential helper ' +
  'or an ssh URL with a deploy key (see README)'
const advice: Readonly<Record<string, string>> = {
  'remote-url': gitAdvice,
  'upstream-url': gitAdvice,
  'obs-url': 'give obs-user with obs-password or obs-ssh-key instead',
}

/** Why a URL input with credentials is refused, and what to use instead; never echoes the URL. */
export function credentialsRefusal(input: string): string {
  const instead = advice[input]
  const why =
    "must not carry credentials (a user or password before '@'): URLs are shown in logs and kept on disk"
  return instead ? `${why}; ${instead}` : why
}
