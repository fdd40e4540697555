import { ObsAuthError } from './errors.js'
import type { Redactor } from './redact.js'
import { signatureHeader, signatureRealm, type SshSigner } from './ssh-signature.js'

/** Credentials for OBS: a password (Basic) and/or a private key (SSH signature scheme). */
export interface ObsCredentials {
  user: string
  password?: string
  /** Private key text (OpenSSH format), as given in the `obs-ssh-key` secret. */
  sshKey?: string
}

/** Supplies auth headers per request and answers 401 challenges; keeps OBS's session cookie. */
export interface Authenticator {
  headers(): Record<string, string>
  /** Remembers cookies the server set. */
  noteResponse(response: Response): void
  /** Prepares credentials for a 401; false when there is nothing (new) to answer it with. */
  answer(challenge: string | null): Promise<boolean>
  /** Why the credentials cannot answer this challenge at all (a key where only Basic is offered). */
  mismatch(challenge: string | null): string | undefined
}

export function createAuthenticator(
  credentials: ObsCredentials,
  deps: { signer: SshSigner; now: () => number; redactor: Redactor },
): Authenticator {
  const { user, password, sshKey } = credentials
  if (!user) throw new ObsAuthError('OBS user is empty')
  if (/[":\s]/.test(user))
    throw new ObsAuthError(`OBS user ${JSON.stringify(user)} contains '"', ':' or white space`)
  const basic = password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined
  deps.redactor.add(password)
  deps.redactor.add(basic?.slice('Basic '.length))
  deps.redactor.add(sshKey)
  const cookies = new Map<string, string>()
  let signature: string | undefined

  return {
    headers() {
      const headers: Record<string, string> = {}
      // a fresh signature wins over Basic: it answers the challenge the server just made
      const authorization = signature ?? basic
      if (authorization) headers.authorization = authorization
      if (cookies.size > 0)
        headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
      return headers
    },
    noteResponse(response) {
      for (const line of setCookieLines(response.headers)) {
        const pair = line.split(';', 1)[0] ?? ''
        const eq = pair.indexOf('=')
        if (eq <= 0) continue
        const value = pair.slice(eq + 1).trim()
        deps.redactor.add(value)
        cookies.set(pair.slice(0, eq).trim(), value)
      }
      // the session cookie now stands for the signature: stop sending it
      if (response.ok && signature && cookies.size > 0) signature = undefined
    },
    async answer(challenge) {
      const realm = signatureRealm(challenge)
      if (realm === undefined || !sshKey) return false
      const created = Math.floor(deps.now() / 1000)
      const body = await deps.signer({ key: sshKey, realm, created })
      deps.redactor.add(body)
      cookies.clear() // an expired session is why we were challenged
      signature = signatureHeader(user, created, body)
      return true
    },
    mismatch(challenge) {
      if (password || !sshKey || signatureRealm(challenge) !== undefined) return undefined
      const offered = authSchemes(challenge).join(', ') || 'no'
      return (
        `OBS offers only ${offered} authentication, not the SSH signature scheme obs-ssh-key answers: ` +
        `set obs-password for user '${user}'`
      )
    },
  }
}

/** The schemes of a WWW-Authenticate value (`Basic realm="…", Signature realm="…"` → Basic, Signature). */
export function authSchemes(challenge: string | null): string[] {
  // split at commas outside quoted strings; a part starting with a name not followed by '=' opens a scheme
  const parts = (challenge ?? '').match(/(?:[^,"]|"(?:[^"\\]|\\.)*")+/g) ?? []
  return parts.flatMap(
    (part) => /^\s*([A-Za-z][\w.!#$%&'*+^`|~-]*)(?:\s+(?![\s=])|\s*$)/.exec(part)?.[1] ?? [],
  )
}

function setCookieLines(headers: Headers): string[] {
  // getSetCookie keeps cookies apart; an injected fetch may hand back headers without it
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie()
  const joined = headers.get('set-cookie')
  return joined ? joined.split(/,(?=\s*[^;,=\s]+=)/) : []
}
