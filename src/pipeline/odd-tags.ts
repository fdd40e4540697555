import type { RemoteRefs } from '../git/remote.js'
import type { TagTarget } from '../git/tag-target.js'
import type { ReleaseTag } from './discover.js'

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
