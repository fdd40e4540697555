import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FetchLike, PublishFile } from '../../src/obs/index.js'
import type { ObsTestServer } from './obs-server.js'
import { tempDir } from './tmp.js'

/** Source package files for a version: a random orig tarball (`origBytes`), a debian tarball and a .dsc. */
export async function debianSourceFiles(
  version: { upstream: string; debian: string },
  options: { origBytes?: number; orig?: Buffer } = {},
): Promise<{ files: PublishFile[]; orig: Buffer }> {
  const dir = await tempDir('pc-obs-src-')
  const orig = options.orig ?? randomBytes(options.origBytes ?? 48 * 1024)
  const full = `${version.upstream}-${version.debian}`
  const contents: Record<string, Buffer | string> = {
    [`hello_${version.upstream}.orig.tar.gz`]: orig,
    [`hello_${full}.debian.tar.xz`]: randomBytes(3000),
    [`hello_${full}.dsc`]: `Format: 3.0 (quilt)\nSource: hello\nVersion: ${full}\n`,
  }
  const files: PublishFile[] = []
  for (const [name, content] of Object.entries(contents)) {
    await writeFile(join(dir, name), content)
    files.push({ name, path: join(dir, name) })
  }
  return { files, orig }
}

/** Writes named files into a fresh temp dir and returns them as a publish file set. */
export async function filesOf(contents: Record<string, string | Buffer>): Promise<PublishFile[]> {
  const dir = await tempDir('pc-obs-files-')
  const files: PublishFile[] = []
  for (const [index, [name, content]] of Object.entries(contents).entries()) {
    // the local path need not carry the OBS name (which may hold characters a test wants to be hostile)
    const path = join(dir, `file-${index}`)
    await writeFile(path, content)
    files.push({ name, path })
  }
  return files
}

export function md5(content: string | Buffer): string {
  return createHash('md5').update(content).digest('hex')
}

/** md5 per name of a publish file set, as OBS should list it. */
export async function md5sOf(files: readonly PublishFile[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const file of files) out[file.name] = md5(await readFile(file.path))
  return out
}

/** Someone else commits with the real osc: check out, apply changes (null deletes), `osc addremove`, `osc commit`. */
export async function oscCommit(
  server: ObsTestServer,
  project: string,
  pkg: string,
  changes: Record<string, string | null>,
  message: string,
): Promise<void> {
  const dir = await tempDir('pc-obs-wc-')
  await server.osc(['checkout', project, pkg], { cwd: dir })
  const wc = join(dir, project, pkg)
  await mkdir(wc, { recursive: true })
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) await rm(join(wc, name))
    else await writeFile(join(wc, name), content)
  }
  await server.osc(['addremove'], { cwd: wc })
  await server.osc(['commit', '-m', message], { cwd: wc })
}

/** Revision numbers in the package's history (real osc reads `_history`). */
export async function oscRevisions(server: ObsTestServer, project: string, pkg: string): Promise<number> {
  const xml = await server.osc(['api', `/source/${project}/${pkg}/_history`])
  return xml.match(/<revision /g)?.length ?? 0
}

/**
 * Revisions of a package that may not exist yet: 0 only when OBS answers that the package does not
 * exist; any other failure (osc broken, the server down, the project missing) fails the test.
 */
export async function oscRevisionsOrNone(
  server: ObsTestServer,
  project: string,
  pkg: string,
): Promise<number> {
  try {
    return await oscRevisions(server, project, pkg)
  } catch (error) {
    if ((error as Error).message.includes(`HTTP Error 404: package '${pkg}' does not exist`)) return 0
    throw error
  }
}

/** Wraps the global fetch, recording every request; `before` may act (e.g. commit with osc) first. */
export function recordingFetch(before?: (method: string, url: string) => Promise<void> | void): {
  fetch: FetchLike
  calls: { method: string; url: string; bytes: number }[]
} {
  const calls: { method: string; url: string; bytes: number }[] = []
  return {
    calls,
    fetch: async (url, init) => {
      const method = init.method ?? 'GET'
      await before?.(method, url)
      const body = init.body
      calls.push({
        method,
        url,
        bytes:
          typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.length : 0,
      })
      return fetch(url, init)
    },
  }
}

/**
 * Someone else adds one file as its own revision with `osc api -X PUT` (`osc commit` of a `_service`
 * would wait forever: the bare backend runs no services, see REAL-COMPONENTS).
 */
export async function oscPutFile(
  server: ObsTestServer,
  project: string,
  pkg: string,
  name: string,
  content: string,
): Promise<void> {
  const file = join(await tempDir('pc-obs-put-'), 'content')
  await writeFile(file, content)
  await server.osc([
    'api',
    '-X',
    'PUT',
    '-T',
    file,
    `/source/${project}/${pkg}/${name}?user=osc-user&comment=add+${name}`,
  ])
}
