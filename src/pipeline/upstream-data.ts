import type { RemoteRefs } from '../git/remote.js'
import { upstreamRef } from '../git/workspace.js'
import { dep14Encode } from '../versions/dep14.js'
import { upstreamVersionOf } from '../versions/dpkg.js'
import type { ReleaseTag } from './discover.js'

/**
 * Upstream refs that make orig tarballs exact: the `pristine-tar` branch and the DEP-14
 * `upstream/<version>` tag, when upstream has them (seen in the same ls-remote, no extra call).
 */
export function upstreamDataRefs(
  upstream: RemoteRefs,
  tag: ReleaseTag,
  order: 'debian' | 'semver',
): { fetch: string[]; local: { pristineTar?: string; upstreamTree?: string } } {
  const fetch: string[] = []
  const local: { pristineTar?: string; upstreamTree?: string } = {}
  if (upstream.refs.has('refs/heads/pristine-tar')) {
    fetch.push('refs/heads/pristine-tar')
    local.pristineTar = upstreamRef('refs/heads/pristine-tar')
  }
  if (order === 'debian') {
    const uv = upstreamVersionOf(tag.version)
    const upstreamTag = `refs/tags/upstream/${dep14Encode(uv)}`
    if (upstream.refs.has(upstreamTag)) {
      fetch.push(upstreamTag)
      local.upstreamTree = upstreamRef(upstreamTag)
    }
  }
  if (!local.upstreamTree) local.upstreamTree = upstreamRef(`refs/tags/${tag.name}`)
  return { fetch, local }
}
