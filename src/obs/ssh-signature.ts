import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CommandError, run } from '../process/run.js'

/** Signs OBS's `(created)` string for a realm; returns the base64 body of the SSH signature. */
export type SshSigner = (request: { key: string; realm: string; created: number }) => Promise<string>

/** The realm of a `WWW-Authenticate: Signature realm="…"` challenge, or undefined for other schemes. */
export function signatureRealm(challenge: string | null): string | undefined {
  const match = /(?:^|[\s,])Signature\s+(?:[^,]*,\s*)*?realm="([^"]*)"/i.exec(challenge ?? '')
  return match?.[1]
}

/** The `Authorization` value OBS expects for an SSH signature over `(created): <created>`. */
export function signatureHeader(user: string, created: number, signature: string): string {
  return `Signature keyId="${user}",algorithm="ssh",headers="(created)",created=${created},signature="${signature}"`
}

/** The signed string: OBS's signature scheme covers only the creation time. */
export function signedText(created: number): string {
  return `(created): ${created}`
}

/**
 * Signs with `ssh-keygen -Y sign`. The key only exists as a 0600 file in a private (0700) temp dir
 * for the duration of the call; the dir is removed whatever happens.
 */
export function createSshKeygenSigner(tempRoot: string = tmpdir()): SshSigner {
  return async ({ key, realm, created }) => {
    const dir = await mkdtemp(join(tempRoot, 'pc-obs-key-'))
    try {
      const keyFile = join(dir, 'key')
      await writeFile(keyFile, key.endsWith('\n') ? key : `${key}\n`, { mode: 0o600, flag: 'wx' })
      const armored = await sshKeygenSign(keyFile, realm, created)
      const body = /-----BEGIN SSH SIGNATURE-----([\s\S]*?)-----END SSH SIGNATURE-----/.exec(armored)?.[1]
      if (!body) throw new Error('ssh-keygen produced no SSH signature')
      return body.replace(/\s+/g, '')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}

async function sshKeygenSign(keyFile: string, realm: string, created: number): Promise<string> {
  try {
    const result = await run('ssh-keygen', ['-Y', 'sign', '-n', realm, '-f', keyFile], {
      input: signedText(created),
      // never wait for a passphrase: a runner has nobody to type it
      env: { SSH_ASKPASS: '', SSH_ASKPASS_REQUIRE: 'never', DISPLAY: '' },
    })
    return result.stdout
  } catch (error) {
    if (!(error instanceof CommandError)) throw error
    const detail = error.result.stderr.trim()
    throw new Error(`ssh-keygen could not sign with obs-ssh-key${detail ? `: ${detail}` : ''}`)
  }
}
