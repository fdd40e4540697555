import { readFile } from 'node:fs/promises'
import { run } from '../../src/process/run.js'
import { fixtureEnv } from './git.js'
import { tempDir } from './tmp.js'

export interface SignTagOptions {
  /** The tag name written into the signed text (default: the ref's name); another one = a replayed tag. */
  name?: string
  /** Change the message after signing: the signature no longer matches. */
  tamper?: boolean
}

/** An upstream release key in its own GNUPGHOME: signs tags and tarballs for the fixtures. */
export interface ReleaseKey {
  uid: string
  fingerprint: string
  /** The armored public key, as a user pastes it into upstream-signing-key. */
  publicKey: string
  /** Points `refs/tags/<tag>` of `work` at a new signed tag object on `target` and force-pushes it to `bare`. */
  signTag(work: string, bare: string, tag: string, target: string, options?: SignTagOptions): Promise<string>
  /** Writes `<file>.asc`, an armored detached signature, and returns it. */
  signFile(file: string): Promise<string>
  /** Stops the gpg-agent of the key's GNUPGHOME. */
  close(): Promise<void>
}

export async function makeReleaseKey(uid = 'Upstream Release <release@example.org>'): Promise<ReleaseKey> {
  const home = await tempDir('pc-gnupg-')
  const env = { GNUPGHOME: home }
  const gpg = (args: string[], input?: string) =>
    run('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { env, input })
  await gpg(['--quick-gen-key', uid, 'ed25519', 'sign', 'never'])
  const listing = (await gpg(['--with-colons', '--list-keys', uid])).stdout
  const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(listing)?.[1] ?? ''
  const publicKey = (await gpg(['--armor', '--export', fingerprint])).stdout
  const gitEnv = { ...fixtureEnv, ...env }
  return {
    uid,
    fingerprint,
    publicKey,
    async signTag(work, bare, tag, target, options = {}) {
      const header = `object ${target}\ntype commit\ntag ${options.name ?? tag}\n`
      const body = `${header}tagger Upstream Release <release@example.org> 1767225600 +0000\n\nRelease ${tag}\n`
      const signature = (await gpg(['-u', fingerprint, '--armor', '--detach-sign'], body)).stdout
      const signed = (options.tamper ? body.replace('Release', 'Re1ease') : body) + signature
      const object = (await run('git', ['mktag'], { cwd: work, env: gitEnv, input: signed })).stdout.trim()
      await run('git', ['update-ref', `refs/tags/${tag}`, object], { cwd: work, env: gitEnv })
      const refspec = `refs/tags/${tag}:refs/tags/${tag}`
      await run('git', ['push', '-q', '--force', bare, refspec], { cwd: work, env: gitEnv })
      return object
    },
    async signFile(file) {
      await gpg(['-u', fingerprint, '--armor', '--detach-sign', '--yes', '--output', `${file}.asc`, file])
      return readFile(`${file}.asc`, 'utf8')
    },
    close: async () => {
      await run('gpgconf', ['--kill', 'all'], { env, okCodes: [0, 1, 2] })
    },
  }
}
