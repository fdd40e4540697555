import { fetchRefs } from './fetch-refs.js'
import { GitRepo } from './repo.js'

/** What a tag points to once annotated tags are peeled: `commit` for a release. */
export interface TagTarget {
  type: string
  /** True when an annotated tag (or a chain of them) stands in between. */
  throughTag: boolean
}

const probeTagRef = 'refs/patch-carrier/probe-tag'

/**
 * What `tag` points to, read in the probe repository with a fetch of the tag alone: one level of trees
 * at most (`tree:1`), no blobs, and the commit without history. ls-remote cannot tell a commit from a tree.
 */
export async function tagTarget(
  probeDir: string,
  url: string,
  env: Record<string, string>,
  tag: string,
): Promise<TagTarget> {
  const probe = new GitRepo(probeDir, undefined, env)
  await fetchRefs(probe, url, [`+refs/tags/${tag}:${probeTagRef}`], { tip: true })
  const type = await probe.read(['cat-file', '-t', probeTagRef])
  const peeled = type === 'tag' ? await probe.read(['cat-file', '-t', `${probeTagRef}^{}`]) : type
  return { type: peeled, throughTag: type === 'tag' }
}
