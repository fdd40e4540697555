import { chmod, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { serveDirectory, type FaultKind, type ServedRequest } from './archive-http.js'
import { writeFiles } from './git.js'
import { tempDir } from './tmp.js'

/** A signing key in its own GNUPGHOME: signs an archive's Release files, a .dsc or an orig tarball. */
export interface ArchiveKey {
  uid: string
  fingerprint: string
  armoredPublic: string
  /** binary keyring (gpg --export) holding only this key */
  keyringFile: string
  gnupgHome: string
  /** Stops the gpg-agent of gnupgHome (gpg starts it again when the key signs). */
  close(): Promise<void>
}

const gpg = (key: { gnupgHome: string }, args: string[]) =>
  run('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
    env: { GNUPGHOME: key.gnupgHome },
  })

export async function makeArchiveKey(uid = 'Test Archive <archive@example.org>'): Promise<ArchiveKey> {
  const gnupgHome = await tempDir('pc-archive-key-')
  await chmod(gnupgHome, 0o700) // gpg warns about unsafe permissions otherwise
  const home = { gnupgHome }
  await gpg(home, ['--quick-gen-key', uid, 'ed25519', 'sign', 'never'])
  const listing = (await gpg(home, ['--with-colons', '--list-keys', uid])).stdout
  const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(listing)?.[1] ?? ''
  const keyringFile = join(gnupgHome, 'keyring.gpg')
  await gpg(home, ['--output', keyringFile, '--export', fingerprint])
  return {
    uid,
    fingerprint,
    armoredPublic: (await gpg(home, ['--armor', '--export', fingerprint])).stdout,
    keyringFile,
    gnupgHome,
    close: async () => {
      await run('gpgconf', ['--kill', 'gpg-agent'], { env: home, okCodes: [0, 1, 2] })
    },
  }
}

/** Writes `<file>.asc`, an armored detached signature by `key`. */
export async function signDetached(key: ArchiveKey, file: string, output = `${file}.asc`): Promise<void> {
  await gpg(key, ['-u', key.fingerprint, '--yes', '--armor', '--detach-sign', '--output', output, file])
}

/** Replaces `file` by its OpenPGP clear-signed form, as debsign does to a .dsc. */
export async function clearSign(key: ArchiveKey, file: string, output = file): Promise<void> {
  await gpg(key, ['-u', key.fingerprint, '--yes', '--clearsign', '--output', `${output}.tmp`, file])
  await rename(`${output}.tmp`, output)
}

export interface ChangelogEntry {
  version: string
  text: string
  date: string
  maintainer?: string
  /** default 'unstable' */
  distribution?: string
}

export interface SourceSpec {
  source: string
  /** Full Debian version with a revision, e.g. '1:1.0-1+deb12u1'. */
  version: string
  /** Upstream files (path -> content): the orig tarball. */
  upstream: Record<string, string>
  /** Component name -> files: <source>_<uv>.orig-<comp>.tar.xz, unpacked in <comp>/. */
  components?: Record<string, Record<string, string>>
  /** debian/patches/<name> -> content; the series lists them in this order. */
  patches?: Record<string, string>
  /** Newest first; default one entry for `version`. */
  changelog?: ChangelogEntry[]
  /** More files, paths relative to debian/ (e.g. 'upstream/signing-key.asc'); may replace the defaults. */
  extraDebian?: Record<string, string>
  /** Writes <orig>.asc by this key beside the (main) orig tarball, so the .dsc lists it. */
  origSignature?: ArchiveKey
  /** Clear-signs the .dsc by this key, as an uploader does; unsigned otherwise. */
  dscSigner?: ArchiveKey
}

const maintainer = 'Debian Maintainer <maint@example.org>'
const defaultDate = 'Thu, 01 Jan 2026 00:00:00 +0000'

/** `1:1.0-1+deb12u1` -> `1.0-1+deb12u1` (file names) and `1.0` (upstream version). */
export function versionParts(version: string): { noEpoch: string; upstream: string } {
  const noEpoch = version.replace(/^\d+:/, '')
  if (!noEpoch.includes('-')) throw new Error(`3.0 (quilt) needs a Debian revision: ${version}`)
  return { noEpoch, upstream: noEpoch.replace(/-[^-]*$/, '') }
}

// Same files, same bytes: fixed order, times, owners and modes; xz single-threaded (its -T0 blocks differ).
async function deterministicTarXz(cwd: string, top: string, output: string): Promise<void> {
  const tar = output.replace(/\.xz$/, '')
  await run('tar', [
    ...['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '--format=gnu'],
    ...['--mode=u=rwX,go=rX', '-C', cwd, '-cf', tar, top],
  ])
  await run('xz', ['-6', '-T1', '-f', tar])
}

/** Builds a real 3.0 (quilt) source package with dpkg-source -b and returns its .dsc (in a fresh directory). */
export async function makeSourcePackage(spec: SourceSpec): Promise<string> {
  const { noEpoch, upstream: uv } = versionParts(spec.version)
  const out = await tempDir('pc-srcpkg-')
  const staging = await tempDir('pc-srcpkg-orig-')
  const top = `${spec.source}-${uv}`
  const tree = join(out, top)
  await writeFiles(join(staging, top), spec.upstream)
  const orig = join(out, `${spec.source}_${uv}.orig.tar.xz`)
  await deterministicTarXz(staging, top, orig)
  if (spec.origSignature) await signDetached(spec.origSignature, orig)
  await writeFiles(tree, spec.upstream)
  for (const [component, files] of Object.entries(spec.components ?? {})) {
    await writeFiles(join(staging, 'components', component), files)
    const tarball = join(out, `${spec.source}_${uv}.orig-${component}.tar.xz`)
    await deterministicTarXz(join(staging, 'components'), component, tarball)
    await writeFiles(join(tree, component), files)
  }
  const entries = spec.changelog ?? [
    { version: spec.version, text: `Release ${spec.version}.`, date: defaultDate },
  ]
  const changelog = entries
    .map(
      (e) =>
        `${spec.source} (${e.version}) ${e.distribution ?? 'unstable'}; urgency=medium\n\n  * ${e.text}\n\n` +
        ` -- ${e.maintainer ?? maintainer}  ${e.date}\n`,
    )
    .join('\n')
  const patches = spec.patches ?? {}
  const debian: Record<string, string> = {
    changelog,
    control: `Source: ${spec.source}\nSection: misc\nPriority: optional\nMaintainer: ${maintainer}\nStandards-Version: 4.6.2\n\nPackage: ${spec.source}\nArchitecture: any\nDescription: test package\n test package\n`,
    rules: '#!/usr/bin/make -f\n%:\n\tdh $@\n',
    'source/format': '3.0 (quilt)\n',
    ...Object.fromEntries(Object.entries(patches).map(([name, text]) => [`patches/${name}`, text])),
    ...(Object.keys(patches).length > 0 ? { 'patches/series': Object.keys(patches).join('\n') + '\n' } : {}),
    ...spec.extraDebian,
  }
  await writeFiles(join(tree, 'debian'), debian)
  await chmod(join(tree, 'debian/rules'), 0o755)
  // dpkg-source applies the series to build: a patch that does not apply to the orig fails here, as upstream
  await run('dpkg-source', ['-b', top], { cwd: out })
  await rm(tree, { recursive: true })
  await rm(staging, { recursive: true })
  const dsc = join(out, `${spec.source}_${noEpoch}.dsc`)
  if (spec.dscSigner) await clearSign(spec.dscSigner, dsc)
  return dsc
}

export interface ArchiveSuite {
  codename: string
  suite?: string
  /** ValidFor: the Release carries Valid-Until this many days after Date. */
  validForDays?: number
}

export interface LocalArchive {
  dir: string
  /** http://127.0.0.1:PORT (no trailing slash) */
  url: string
  key: ArchiveKey
  /** reprepro includedsc: a newer version replaces the old; an older or equal one fails (reprepro only warns). */
  include(codename: string, dsc: string): Promise<void>
  /** reprepro removesrc; its pool files no other suite uses are deleted at once. */
  remove(codename: string, source: string): Promise<void>
  /** Rewrites dists/<codename>/Release through `edit`, re-signs InRelease and Release.gpg by `signer`. */
  resign(codename: string, edit: (release: string) => string, signer?: ArchiveKey): Promise<void>
  /** Flips a byte in the middle of a file under dir, re-signing nothing. */
  corrupt(relativePath: string): Promise<void>
  fault(pathSuffix: string, kind: FaultKind): () => void
  /** Every request served; reset with requests.length = 0. */
  requests: ServedRequest[]
  close(): Promise<void>
}

const stanza = (s: ArchiveSuite, fingerprint: string) =>
  [
    `Codename: ${s.codename}`,
    ...(s.suite ? [`Suite: ${s.suite}`] : []),
    'Architectures: source',
    'Components: main',
    `SignWith: ${fingerprint}`,
    'DscIndices: Sources Release . .gz .xz',
    ...(s.validForDays ? [`ValidFor: ${s.validForDays}d`] : []),
  ].join('\n') + '\n'

/** A signed reprepro archive of source packages, served over HTTP on 127.0.0.1. */
export async function makeArchive(options: {
  suites: ArchiveSuite[]
  key?: ArchiveKey
}): Promise<LocalArchive> {
  const key = options.key ?? (await makeArchiveKey())
  const dir = await tempDir('pc-archive-')
  await writeFiles(dir, {
    'conf/distributions': options.suites.map((s) => stanza(s, key.fingerprint)).join('\n'),
  })
  const reprepro = (args: string[]) =>
    run('reprepro', ['-b', dir, ...args], { env: { GNUPGHOME: key.gnupgHome } })
  await reprepro(['export']) // empty suites get their signed indices too
  for (const { codename } of options.suites) {
    const xz = join(dir, 'dists', codename, 'main/source/Sources.xz')
    if (!(await stat(xz).catch(() => undefined)))
      throw new Error(`reprepro wrote no ${xz}: built without xz?`)
  }
  const server = await serveDirectory(dir, ['conf', 'db'])
  return {
    dir,
    url: server.url,
    key,
    async include(codename, dsc) {
      const { stderr } = await reprepro(['-C', 'main', 'includedsc', codename, dsc])
      // reprepro exits 0 after "Skipping inclusion of 'x' '1' in '…', as it has already '2'."
      if (/Skipping inclusion/.test(stderr)) throw new Error(`reprepro includedsc ${dsc}: ${stderr.trim()}`)
    },
    async remove(codename, source) {
      // removesrc of an absent package succeeds silently: a typo would pass unnoticed
      const listed = await reprepro(['-A', 'source', 'list', codename, source])
      if (!listed.stdout.trim()) throw new Error(`${source} is not in ${codename}`)
      await reprepro(['removesrc', codename, source])
    },
    async resign(codename, edit, signer = key) {
      const release = join(dir, 'dists', codename, 'Release')
      await writeFile(release, edit(await readFile(release, 'utf8')))
      await clearSign(signer, release, join(dir, 'dists', codename, 'InRelease'))
      await signDetached(signer, release, `${release}.gpg`)
    },
    async corrupt(relativePath) {
      const file = join(dir, relativePath)
      const bytes = await readFile(file)
      if (bytes.length === 0) throw new Error(`${relativePath} is empty: nothing to corrupt`)
      const middle = bytes.length >> 1
      bytes[middle] = bytes[middle]! ^ 0xff
      // written beside and renamed: other hard links to the file keep the good bytes
      await writeFile(`${file}.corrupt`, bytes)
      await rename(`${file}.corrupt`, file)
    },
    fault: (suffix, kind) => server.fault(suffix, kind),
    requests: server.requests,
    async close() {
      await server.close()
      if (!options.key) await key.close()
    },
  }
}
