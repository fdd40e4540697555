import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { ObsError } from './errors.js'

/** A local file to publish: its name on OBS and where it is on disk. */
export interface PublishFile {
  name: string
  path: string
}

/** A local file with the digests the commit protocol needs. */
export interface LocalFile extends PublishFile {
  md5: string
  sha256: string
  size: number
}

/** Fails on names OBS would reject (or that could escape a checkout), before any request is made. */
export function checkFileName(name: string): void {
  const shown = JSON.stringify(name)
  if (name === '') throw new ObsError('OBS file name is empty')
  if (name.includes('/')) throw new ObsError(`OBS file name ${shown} contains '/'`)
  if (name.startsWith('.')) throw new ObsError(`OBS file name ${shown} starts with '.'`)
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw new ObsError(`OBS file name ${shown} contains a control character`)
  if (/[\ud800-\udfff]/.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
    throw new ObsError(`OBS file name ${shown} is not valid Unicode`)
  }
}

/** Fails on a name OBS would reject, or one listed twice. */
export function checkFileNames(files: readonly PublishFile[]): void {
  const seen = new Set<string>()
  for (const file of files) {
    checkFileName(file.name)
    if (seen.has(file.name)) throw new ObsError(`OBS file name ${JSON.stringify(file.name)} is listed twice`)
    seen.add(file.name)
  }
}

/** Reads each file once, computing md5 (the commit protocol's identity), sha256 (OBS's proof) and size. */
export async function digestFiles(files: readonly PublishFile[]): Promise<LocalFile[]> {
  checkFileNames(files)
  const out: LocalFile[] = []
  for (const file of files) out.push({ ...file, ...(await digestFile(file.path)) })
  return out
}

async function digestFile(path: string): Promise<{ md5: string; sha256: string; size: number }> {
  const md5 = createHash('md5')
  const sha256 = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    md5.update(chunk)
    sha256.update(chunk)
    size += chunk.length
  }
  return { md5: md5.digest('hex'), sha256: sha256.digest('hex'), size }
}

/** md5 of bytes in memory: an upload is checked against the digest the commit listed. */
export function md5Of(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex')
}
