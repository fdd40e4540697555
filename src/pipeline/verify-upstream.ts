import type { GitRepo } from '../git/repo.js'
import { fetchRefs } from '../git/fetch-refs.js'
import { verifyTag } from '../git/verify-tag.js'
import { requireTools } from '../process/run.js'
import type { Settings } from '../action/settings.js'
import type { Discovery, ReleaseTag } from './discover.js'
import type { RunReport } from './report.js'

/** The upstream tag is not signed by one of the `upstream-signing-key` keys: the run must not go on. */
export class UpstreamAuthenticityError extends Error {
  override name = 'UpstreamAuthenticityError'
}

/**
 * With `upstream-signing-key`, the tag the package is built on must be a signed tag that verifies against
 * those keys; otherwise the run stops here, before anything is pushed, published or opened.
 */
export async function verifyUpstream(
  repo: GitRepo,
  settings: Settings,
  discovery: Discovery,
  tag: ReleaseTag,
  report: RunReport,
  forkEnv: Record<string, string>,
): Promise<void> {
  const keys = settings.upstreamSigningKey
  if (!keys) return
  await requireTools(['gpg', 'gpgv'])
  const object = discovery.upstream.refs.get(`refs/tags/${tag.name}`) ?? tag.commit
  if ((await repo.resolve(`${object}^{object}`)) === undefined) {
    // build mode without upstream-url reads the tags of the fork: fetch the tag object from there
    const url = settings.upstreamUrl ?? settings.remoteUrl
    await fetchRefs(repo.withEnv(settings.upstreamUrl ? {} : forkEnv), url, [
      `+refs/tags/${tag.name}:refs/patch-carrier/verify/${tag.name}`,
    ])
  }
  const check = await verifyTag(repo, { name: tag.name, object, commit: tag.commit }, keys)
  if (check.kind === 'bad') {
    throw new UpstreamAuthenticityError(
      `Upstream tag '${tag.name}' does not verify against upstream-signing-key: ${check.reason}. ` +
        'Nothing was pushed, published or opened.',
    )
  }
  report.upstreamSignature = `${check.fingerprint} (${check.uid})`
  report.notes.push(`upstream tag ${tag.name}: good signature by ${check.uid}, key ${check.fingerprint}`)
}
