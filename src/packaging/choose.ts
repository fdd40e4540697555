import type { GitRepo } from '../git/repo.js'
import type { Settings } from '../action/settings.js'
import type { Packager } from './packager.js'
import { debianPackager } from './debian/packager.js'
import { nonePackager } from './none.js'
import { rpmPackager } from './rpm/packager.js'

/** The packager for a tree: the `packaging` input, or `auto` = `debian/` → debian, a `*.spec` → rpm. */
export async function choosePackager(repo: GitRepo, head: string, settings: Settings): Promise<Packager> {
  const kind = settings.packaging === 'auto' ? await detect(repo, head) : settings.packaging
  switch (kind) {
    case 'debian':
      return debianPackager
    case 'rpm':
      return rpmPackager
    case 'none':
      return nonePackager
  }
}

async function detect(repo: GitRepo, head: string): Promise<'debian' | 'rpm' | 'none'> {
  const top = await repo.listTree(head)
  if (top.includes('debian')) return 'debian'
  if (top.some((name) => name.endsWith('.spec'))) return 'rpm'
  return 'none'
}
