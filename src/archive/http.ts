import { createHash } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'

/** What a file from the archive must be: the size and sha256 a signed index gave for it. */
export interface Expected {
  sha256: string
  size: number
}

/** The archive answered something unusable: a status, a cut connection, a size or checksum mismatch. */
export class ArchiveError extends Error {
  override name = 'ArchiveError'
  constructor(
    message: string,
    /** The HTTP status when the archive answered one that is final (404). */
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

const ATTEMPTS = 3
const TIMEOUT_MS = 120_000

/**
 * GETs one file of the archive, whole, into memory. Network failures and 5xx answers are tried again
 * (a mirror being updated); a 404 is final. `limit` caps what an unsigned answer may make us hold.
 */
export async function fetchBytes(url: string, limit: number): Promise<Buffer> {
  let last: unknown
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' })
      if (response.status === 404) throw new ArchiveError(`${url}: not found (404)`, 404)
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
      const declared = Number(response.headers.get('content-length') ?? NaN)
      if (declared > limit)
        throw new ArchiveError(`${url}: ${declared} bytes, more than the ${limit} expected`)
      const body = Buffer.from(await response.arrayBuffer())
      if (body.length > limit) throw new ArchiveError(`${url}: more than the ${limit} bytes expected`)
      return body
    } catch (error) {
      if (error instanceof ArchiveError) throw error
      last = error
      if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt))
    }
  }
  throw new ArchiveError(`${url}: download failed after ${ATTEMPTS} attempts: ${describe(last)}`)
}

/**
 * GETs a file whose size and sha256 a signed index gave, and refuses anything else. `listedIn` names that
 * index in messages ('the signed InRelease of bookworm-security'): a user must see which list the file
 * disagrees with.
 */
export async function fetchVerified(url: string, expected: Expected, listedIn: string): Promise<Buffer> {
  const body = await fetchBytes(url, expected.size).catch((error: unknown) => {
    if (error instanceof ArchiveError && error.status === 404)
      throw new ArchiveError(`${error.message}, though ${listedIn} lists it (an incomplete mirror?)`, 404)
    throw error
  })
  checkBytes(url, body, expected, listedIn)
  return body
}

/** Downloads a verified file to `path`; on any mismatch nothing is left there. */
export async function downloadVerified(
  url: string,
  path: string,
  expected: Expected,
  listedIn: string,
): Promise<void> {
  const body = await fetchVerified(url, expected, listedIn)
  try {
    await writeFile(path, body, { flag: 'wx' })
  } catch (error) {
    await rm(path, { force: true })
    throw error
  }
}

export function checkBytes(what: string, body: Buffer, expected: Expected, listedIn: string): void {
  const refused = 'the file was altered or damaged (or the mirror is being updated): it is not used'
  if (body.length !== expected.size)
    throw new ArchiveError(
      `${what}: ${body.length} bytes, but ${listedIn} gives ${expected.size}; ${refused}`,
    )
  const sha256 = createHash('sha256').update(body).digest('hex')
  if (sha256 !== expected.sha256)
    throw new ArchiveError(`${what}: sha256 ${sha256}, but ${listedIn} gives ${expected.sha256}; ${refused}`)
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`
}
