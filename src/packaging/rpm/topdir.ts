import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'

/** A private rpmbuild `_topdir`: SPECS, SOURCES, BUILD, SRPMS, and its own temporary directory. */
export interface Topdir {
  root: string
  specs: string
  sources: string
  build: string
  srpms: string
  /** `--define` arguments that point rpm at this tree, with patches applied at fuzz 0. */
  defines: string[]
}

export async function makeTopdir(dir: string): Promise<Topdir> {
  const root = resolve(dir)
  const topdir = {
    root,
    specs: join(root, 'SPECS'),
    sources: join(root, 'SOURCES'),
    build: join(root, 'BUILD'),
    srpms: join(root, 'SRPMS'),
    defines: [
      ['_topdir', root],
      ['_tmppath', join(root, 'tmp')],
      ['_default_patch_fuzz', '0'],
    ].flatMap(([name, value]) => ['--define', `${name} ${value}`]),
  }
  for (const path of [topdir.specs, topdir.sources, topdir.build, topdir.srpms, join(root, 'tmp')]) {
    await mkdir(path, { recursive: true })
  }
  return topdir
}
