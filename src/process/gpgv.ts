import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from './run.js'

/** The outcome of checking one detached OpenPGP signature: who signed, or why it is refused. */
export type SignatureCheck =
  { kind: 'good'; fingerprint: string; uid: string } | { kind: 'bad'; reason: string }

/**
 * Verifies a detached signature over `dataFile` against `armoredKeys` only, the way uscan does: the keys
 * are dearmored into a keyring in a fresh private GNUPGHOME (0700, removed afterwards) and `gpgv` checks
 * against that keyring alone. No user keyring, agent or configuration is read or written.
 */
export async function verifyDetached(
  armoredKeys: string,
  signature: Uint8Array,
  dataFile: string,
): Promise<SignatureCheck> {
  const home = await mkdtemp(join(tmpdir(), 'patch-carrier-gpg-'))
  try {
    const keys = join(home, 'keys.asc')
    const keyring = join(home, 'trusted.gpg')
    const sig = join(home, 'signature')
    await writeFile(keys, armoredKeys)
    await writeFile(sig, signature)
    const gpgEnv = { GNUPGHOME: home, LC_ALL: 'C' }
    const dearmor = await run(
      'gpg',
      ['--homedir', home, '--batch', '--no-options', '--dearmor', '--output', keyring, keys],
      {
        env: gpgEnv,
        okCodes: [0, 2],
      },
    )
    if (dearmor.code !== 0)
      return { kind: 'bad', reason: 'the signing keys are not valid armored OpenPGP data' }
    const result = await run(
      'gpgv',
      ['--homedir', home, '--keyring', keyring, '--status-fd', '1', '--', sig, dataFile],
      { env: gpgEnv, okCodes: [0, 1, 2] },
    )
    return parseStatus(result.stdout, result.code)
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}

/** Reads gpgv's machine-readable status lines, as git does for `verify-tag`: only GOODSIG + VALIDSIG pass. */
export function parseStatus(status: string, code: number): SignatureCheck {
  const lines = status.split('\n').filter((line) => line.startsWith('[GNUPG:] '))
  const find = (keyword: string): string[] | undefined =>
    lines.map((line) => line.slice(9).split(' ')).find((words) => words[0] === keyword)
  const refusals: Record<string, string> = {
    BADSIG: 'BAD signature: the signed content was changed',
    EXPSIG: 'the signature has expired',
    EXPKEYSIG: 'the signing key has expired',
    REVKEYSIG: 'the signing key was revoked',
  }
  for (const [keyword, reason] of Object.entries(refusals)) if (find(keyword)) return { kind: 'bad', reason }
  const missing = find('NO_PUBKEY') ?? find('ERRSIG')
  if (missing) {
    return {
      kind: 'bad',
      reason: `it was made by key ${missing[1] ?? '?'}, which is not among the given signing keys`,
    }
  }
  const good = find('GOODSIG')
  const valid = find('VALIDSIG')
  if (code !== 0 || !good || !valid?.[1])
    return { kind: 'bad', reason: 'it is not a valid OpenPGP signature' }
  return { kind: 'good', fingerprint: valid[1], uid: good.slice(2).join(' ') }
}
