import { ObsError } from './errors.js'
import type { Transport } from './transport.js'
import { attr, children, escapeXml, parseRoot } from './xml.js'

/** A file as OBS lists it in a package revision. */
export interface RemoteFile {
  name: string
  md5: string
  size: number
}

/** One revision of a package, as its (unexpanded) source listing shows it. */
export interface PackageState {
  /** Revision number as OBS writes it; '0' for a package with no commit yet. */
  revision: string
  srcmd5: string
  files: RemoteFile[]
  /** `<serviceinfo code>` when the package has source services (`running` may never end on a bare backend). */
  serviceState?: string
}

export interface PackageRef {
  project: string
  package: string
}

/** Reads the package's file list (latest revision, or `revision`), unexpanded: what a commit replaces. */
export async function readPackage(
  transport: Transport,
  ref: PackageRef,
  revision?: string,
): Promise<PackageState> {
  const response = await transport.request({
    method: 'GET',
    path: ['source', ref.project, ref.package],
    query: revision ? { rev: revision } : undefined,
  })
  return parseDirectory(response.text)
}

/** Parses a `<directory>` listing (also the reply of a successful commitfilelist). */
export function parseDirectory(xml: string): PackageState {
  const root = parseRoot(xml, 'directory')
  const files = children(root, 'entry').map((entry) => {
    const name = attr(entry, 'name')
    const md5 = attr(entry, 'md5')
    if (!name || !md5) throw new ObsError(`OBS listed a file without name or md5: ${xml.slice(0, 200)}`)
    return { name, md5, size: Number(attr(entry, 'size') ?? 0) }
  })
  const serviceinfo = children(root, 'serviceinfo')[0]
  const revision = attr(root, 'rev') ?? '0'
  // revisions are compared and counted: anything but a number would read as someone else's commit
  if (!/^\d+$/.test(revision))
    throw new ObsError(`OBS sent a revision that is not a number: ${JSON.stringify(revision)}`)
  return {
    revision,
    srcmd5: attr(root, 'srcmd5') ?? '',
    files,
    serviceState: serviceinfo ? attr(serviceinfo, 'code') : undefined,
  }
}

/** The package's latest revision, or undefined when OBS does not have the package (404). */
export async function readPackageIfAny(
  transport: Transport,
  ref: PackageRef,
): Promise<PackageState | undefined> {
  const path = ['source', ref.project, ref.package]
  const response = await transport.request({ method: 'GET', path, accept: [404] })
  return response.status === 404 ? undefined : parseDirectory(response.text)
}

/** Whether OBS has the package (its `_meta`). */
export async function packageExists(transport: Transport, ref: PackageRef): Promise<boolean> {
  const meta = ['source', ref.project, ref.package, '_meta']
  return (await transport.request({ method: 'GET', path: meta, accept: [404] })).status !== 404
}

/**
 * Creates the package (and, with createProject, its project) when OBS says 404.
 * Returns whether anything was created.
 */
export async function ensurePackage(
  transport: Transport,
  user: string,
  ref: PackageRef,
  options: { createProject?: boolean; title?: string } = {},
): Promise<{ created: boolean }> {
  if (await packageExists(transport, ref)) return { created: false }
  await createPackage(transport, user, ref, options)
  return { created: true }
}

/** Creates the package (and, with createProject, its project when OBS has none). */
export async function createPackage(
  transport: Transport,
  user: string,
  ref: PackageRef,
  options: { createProject?: boolean; title?: string } = {},
): Promise<void> {
  if (options.createProject) {
    const projectMeta = ['source', ref.project, '_meta']
    const project = await transport.request({ method: 'GET', path: projectMeta, accept: [404] })
    if (project.status === 404) {
      const xml =
        `<project name="${escapeXml(ref.project)}"><title>${escapeXml(ref.project)}</title>` +
        `<description/><person userid="${escapeXml(user)}" role="maintainer"/></project>`
      await transport.request({ method: 'PUT', path: projectMeta, query: { user }, body: xml })
    }
  }
  const xml =
    `<package name="${escapeXml(ref.package)}" project="${escapeXml(ref.project)}">` +
    `<title>${escapeXml(options.title ?? ref.package)}</title><description/></package>`
  const meta = ['source', ref.project, ref.package, '_meta']
  await transport.request({ method: 'PUT', path: meta, query: { user }, body: xml })
}
