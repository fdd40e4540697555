import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../process/run.js'
import type { ArchiveUpstream } from '../action/settings.js'

/** A keyring gpgv can read, in a private GNUPGHOME that is removed afterwards. */
export interface TrustedKeys {
  home: string
  keyring: string
}

/**
 * Runs `work` with archive-keyring as a gpgv keyring: a binary keyring file is used as it is, armored keys
 * (inline or in a file) are dearmored into a private directory. Nothing of the runner's own keyrings is read.
 */
export async function withArchiveKeys<T>(
  keyring: ArchiveUpstream['keyring'],
  work: (keys: TrustedKeys) => Promise<T>,
): Promise<T> {
  const home = await mkdtemp(join(tmpdir(), 'patch-carrier-archive-gpg-'))
  try {
    let armored = keyring.kind === 'armored' ? keyring.text : undefined
    let path = keyring.kind === 'file' ? keyring.path : join(home, 'keys.gpg')
    if (keyring.kind === 'file') {
      const bytes = await readFile(keyring.path).catch((error: unknown) => {
        throw new Error(
          `archive-keyring ${keyring.path} cannot be read (${error instanceof Error ? error.message : String(error)}); ` +
            "install 'debian-archive-keyring' or give the archive's public keys",
        )
      })
      if (bytes.subarray(0, 64).toString('latin1').includes('-----BEGIN PGP')) {
        armored = bytes.toString('utf8')
        path = join(home, 'keys.gpg')
      }
    }
    if (armored !== undefined) {
      await writeFile(join(home, 'keys.asc'), armored)
      const dearmor = await run(
        'gpg',
        ['--homedir', home, '--batch', '--no-options', '--dearmor', '--output', path, join(home, 'keys.asc')],
        { env: { GNUPGHOME: home, LC_ALL: 'C' }, okCodes: [0, 2] },
      )
      if (dearmor.code !== 0) throw new Error('archive-keyring: the keys are not valid armored OpenPGP data')
    }
    return await work({ home, keyring: path })
  } finally {
    // Best effort, and never in place of the work's own error: when one suite of a Promise.all fails, the
    // others may still be writing their InRelease here (ENOTEMPTY), so the removal is retried
    await rm(home, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined)
  }
}
