import { readFile, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { GitRepo } from '../../git/repo.js'
import { verifyDetached } from '../../process/gpgv.js'
import { requireTools } from '../../process/run.js'
import { ifPresent } from '../../files/if-present.js'

export const signingKeyPath = 'debian/upstream/signing-key.asc'

export interface OrigSignatureRequest {
  repo: GitRepo
  /** The packaging commit whose debian/upstream/signing-key.asc holds upstream's keys. */
  head: string
  /** The orig tarballs made for the build, and how. */
  orig: { files: readonly string[]; method: 'pristine-tar' | 'git-archive' | 'debian-archive' }
  /** The pristine-tar ref the tarballs came from. */
  pristineTarRef?: string
  /** debian/upstream/signing-key.asc of `head`, when already being read. */
  keys?: Promise<string | undefined>
}

/**
 * As uscan does: when the packaging has debian/upstream/signing-key.asc, each orig tarball's upstream
 * signature (`<tarball>.asc`, kept in the pristine-tar data) must verify against those keys. A good
 * signature is placed beside the tarball, so dpkg-source lists it in the .dsc; a bad one stops the build.
 * Returns notes for the summary.
 */
export async function checkOrigSignatures(request: OrigSignatureRequest): Promise<string[]> {
  const keys = await (request.keys ?? request.repo.readFile(request.head, signingKeyPath))
  if (keys === undefined) return []
  if (
    request.orig.method === 'git-archive' ||
    (request.orig.method === 'pristine-tar' && !request.pristineTarRef)
  ) {
    return [
      `${signingKeyPath} is present, but the orig tarballs were made with git archive: there is no upstream ` +
        'tarball signature to check (upstream-signing-key verifies the tag instead)',
    ]
  }
  await requireTools(['gpg', 'gpgv'])
  const notes: string[] = []
  for (const file of request.orig.files) {
    const name = basename(file)
    const signature =
      request.orig.method === 'debian-archive'
        ? await ifPresent(readFile(`${file}.asc`, 'utf8'), `the signature ${name}.asc taken from the archive`)
        : await request.repo.readFile(request.pristineTarRef!, `${name}.asc`)
    if (signature === undefined) {
      notes.push(`${name}: no upstream signature in the ${request.orig.method} data; it could not be checked`)
      continue
    }
    const check = await verifyDetached(keys, Buffer.from(signature, 'utf8'), file)
    if (check.kind === 'bad') {
      throw new Error(
        `orig tarball ${name}: its upstream signature does not verify against ${signingKeyPath}: ${check.reason}`,
      )
    }
    await writeFile(`${file}.asc`, signature)
    notes.push(`${name}: good upstream signature by ${check.uid}, key ${check.fingerprint}`)
  }
  return notes
}
