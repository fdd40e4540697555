import { GitRepo } from '../git/repo.js'
import type { RemoteRefs } from '../git/remote.js'
import type { ReleaseTag } from './discover.js'

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
  await probe.exec([
    'fetch',
    '--quiet',
    '--no-tags',
    '--depth=1',
    '--filter=tree:1',
    '--end-of-options',
    url,
    `+refs/tags/${tag}:${probeTagRef}`,
  ])
  const type = await probe.read(['cat-file', '-t', probeTagRef])
  const peeled = type === 'tag' ? await probe.read(['cat-file', '-t', `${probeTagRef}^{}`]) : type
  return { type: peeled, throughTag: type === 'tag' }
}

/** "a tree", "a blob (through an annotated tag)": how a message names what a tag points to. */
export function describeTarget(target: TagTarget): string {
  return `${target.type === 'tree' ? 'a tree' : `a ${target.type}`}${target.throughTag ? ' (through an annotated tag)' : ''}`
}

/** An upstream tag the fork carried at one commit, which upstream now points at another. */
export interface MovedTag {
  name: string
  /** The commit of the fork's copy of the tag, which the branch contains. */
  was: string
  /** The commit upstream's tag points to now. */
  now: string
}

/**
 * The release tags whose copy on the fork (`refs/tags/<name>`, as a fork made by cloning has it) the
 * branch contains, while upstream's tag of the same name now points elsewhere.
 */
export function movedTags(
  tags: readonly ReleaseTag[],
  fork: RemoteRefs,
  history: readonly string[],
): MovedTag[] {
  const contained = new Set(history)
  return tags.flatMap((tag) => {
    const was = fork.tagCommits.get(tag.name)
    return was && was !== tag.commit && contained.has(was) ? [{ name: tag.name, was, now: tag.commit }] : []
  })
}
