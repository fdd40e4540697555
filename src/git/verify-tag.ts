import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyDetached, type SignatureCheck } from '../process/gpgv.js'
import type { GitRepo } from './repo.js'

export interface TagToVerify {
  /** Tag name without refs/tags/. */
  name: string
  /** The object id the tag ref points at (a tag object for a signed tag). */
  object: string
  /** The commit the tag must name. */
  commit: string
}

const signatureStart = Buffer.from('\n-----BEGIN PGP SIGNATURE-----\n')

/**
 * Checks that `tag` is an annotated tag signed by one of `armoredKeys`, as `git verify-tag` would, and
 * that the signed text names this tag and this commit (a signed tag of another release renamed or moved
 * into place does not pass). The signature is checked with gpgv against the given keys only.
 */
export async function verifyTag(
  repo: GitRepo,
  tag: TagToVerify,
  armoredKeys: string,
): Promise<SignatureCheck> {
  if (tag.object === tag.commit) {
    return { kind: 'bad', reason: 'it is a lightweight tag (no tag object), so it carries no signature' }
  }
  const type = await repo.exec(['cat-file', '-t', tag.object], { okCodes: [0, 128] })
  if (type.code !== 0) return { kind: 'bad', reason: `its tag object ${tag.object} was not fetched` }
  if (type.stdout.trim() !== 'tag') return { kind: 'bad', reason: 'it is not an annotated tag' }
  const dir = await mkdtemp(join(tmpdir(), 'patch-carrier-tag-'))
  try {
    const raw = join(dir, 'tag')
    const out = createWriteStream(raw)
    const written = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve)
      out.on('error', reject)
    })
    await repo.exec(['cat-file', 'tag', tag.object], { stdoutTo: out })
    await written
    const bytes = await readFile(raw)
    const cut = bytes.lastIndexOf(signatureStart)
    if (cut < 0) {
      const ssh = bytes.includes('-----BEGIN SSH SIGNATURE-----')
      return { kind: 'bad', reason: ssh ? 'it is SSH-signed, not OpenPGP-signed' : 'it is not signed' }
    }
    const payload = bytes.subarray(0, cut + 1)
    const header = headerOf(payload.toString('utf8'))
    if (header.object !== tag.commit || header.type !== 'commit') {
      return {
        kind: 'bad',
        reason: `its signed text names object ${header.object ?? '?'}, not ${tag.commit}`,
      }
    }
    if (header.tag !== tag.name) {
      return { kind: 'bad', reason: `its signed text names tag '${header.tag ?? '?'}', not '${tag.name}'` }
    }
    const data = join(dir, 'payload')
    await writeFile(data, payload)
    return await verifyDetached(armoredKeys, bytes.subarray(cut + 1), data)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The `object`, `type` and `tag` header lines of a tag object (up to the first blank line). */
function headerOf(text: string): { object?: string; type?: string; tag?: string } {
  const header: Record<string, string> = {}
  for (const line of text.split('\n')) {
    if (line === '') break
    const space = line.indexOf(' ')
    if (space > 0) header[line.slice(0, space)] ??= line.slice(space + 1)
  }
  return { object: header.object, type: header.type, tag: header.tag }
}
