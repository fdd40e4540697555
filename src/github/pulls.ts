import { GitHubApiError } from './errors.js'
import { ensureLabels, type RepoRef } from './labels.js'
import type { Octokit, OctokitOptions } from './octokit.js'
import type {
  EnsureAction,
  NewPullRequest,
  PostedComment,
  PullRequest,
  PullRequestChanges,
  PullRequests,
} from './types.js'

export interface PullRequestsOptions extends OctokitOptions {
  owner: string
  repo: string
}

/** The fields of GitHub's pull request objects (full or simple) that we read. */
interface ApiPull {
  number: number
  html_url: string
  title: string
  body?: string | null
  state: string
  merged?: boolean
  merged_at: string | null
  head: { ref: string; sha: string; repo: { full_name: string } | null }
  base: { ref: string }
  labels: { name?: string }[]
}

function toPullRequest(pull: ApiPull): PullRequest {
  return {
    number: pull.number,
    url: pull.html_url,
    title: pull.title,
    body: pull.body ?? '',
    head: pull.head.ref,
    headSha: pull.head.sha,
    base: pull.base.ref,
    state: pull.state === 'open' ? 'open' : 'closed',
    merged: pull.merged ?? pull.merged_at !== null,
    labels: pull.labels.flatMap((label) => (label.name === undefined ? [] : [label.name])),
  }
}

/** GitHub may hand back CRLF line ends for bodies edited in the browser. */
const sameText = (a: string, b: string): boolean => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n')

class GitHubPullRequests implements PullRequests {
  private readonly ref: RepoRef

  constructor(
    /** Made on first use, so a run with nothing to do for GitHub needs no token (nor loads Octokit). */
    private readonly api: () => Promise<Octokit>,
    owner: string,
    repo: string,
  ) {
    this.ref = { owner, repo }
  }

  /** Only head branches in this repository count (a fork's same-named branch is someone else's). */
  private ours(pull: ApiPull): boolean {
    return pull.head.repo?.full_name.toLowerCase() === `${this.ref.owner}/${this.ref.repo}`.toLowerCase()
  }

  private async list(state: 'open' | 'closed', head?: string, base?: string): Promise<ApiPull[]> {
    const octokit = await this.api()
    const pulls = await octokit.paginate(octokit.rest.pulls.list, {
      ...this.ref,
      state,
      per_page: 100,
      ...(head === undefined ? {} : { head: `${this.ref.owner}:${head}` }),
      ...(base === undefined ? {} : { base }),
    })
    return pulls.filter((pull) => this.ours(pull) && (head === undefined || pull.head.ref === head))
  }

  async find(head: string, base?: string): Promise<PullRequest | undefined> {
    const [oldest] = (await this.list('open', head, base)).sort((a, b) => a.number - b.number)
    return oldest && toPullRequest(oldest)
  }

  async get(number: number): Promise<PullRequest> {
    const { rest } = await this.api()
    const { data } = await rest.pulls.get({ ...this.ref, pull_number: number })
    return toPullRequest(data)
  }

  async create(input: NewPullRequest): Promise<PullRequest> {
    const { rest } = await this.api()
    const { data } = await rest.pulls.create({
      ...this.ref,
      head: input.head,
      base: input.base,
      title: input.title,
      body: input.body,
    })
    const created = toPullRequest(data)
    return this.label(created, input.labels ?? [])
  }

  private async label(pull: PullRequest, labels: readonly string[]): Promise<PullRequest> {
    const missing = labels.filter((name) => !pull.labels.includes(name))
    if (missing.length === 0) return pull
    const octokit = await this.api()
    await ensureLabels(octokit, this.ref, missing)
    const { data } = await octokit.rest.issues.addLabels({
      ...this.ref,
      issue_number: pull.number,
      labels: missing,
    })
    return { ...pull, labels: data.map((label) => label.name) }
  }

  async update(number: number, changes: PullRequestChanges): Promise<PullRequest> {
    const { rest } = await this.api()
    const { data } = await rest.pulls.update({ ...this.ref, pull_number: number, ...changes })
    return toPullRequest(data)
  }

  async ensure(input: NewPullRequest): Promise<{ pullRequest: PullRequest; action: EnsureAction }> {
    let existing = await this.find(input.head, input.base)
    if (!existing) {
      try {
        return { pullRequest: await this.create(input), action: 'created' }
      } catch (error) {
        // 422 "A pull request already exists": another run opened it since our look-up.
        if (!(error instanceof GitHubApiError && error.status === 422)) throw error
        existing = await this.find(input.head, input.base)
        if (!existing) throw error
      }
    }
    let pullRequest = existing
    let action: EnsureAction = 'unchanged'
    if (!sameText(existing.title, input.title) || !sameText(existing.body, input.body)) {
      pullRequest = await this.update(existing.number, { title: input.title, body: input.body })
      action = 'updated'
    }
    const labelled = await this.label(pullRequest, input.labels ?? [])
    return { pullRequest: labelled, action: labelled === pullRequest ? action : 'updated' }
  }

  async comment(number: number, body: string): Promise<PostedComment> {
    const { rest } = await this.api()
    const { data } = await rest.issues.createComment({ ...this.ref, issue_number: number, body })
    return { id: data.id, url: data.html_url }
  }

  async close(number: number, comment?: string): Promise<boolean> {
    const current = await this.get(number)
    if (current.state === 'closed') return false
    if (comment) await this.comment(number, comment)
    const { rest } = await this.api()
    await rest.pulls.update({ ...this.ref, pull_number: number, state: 'closed' })
    return true
  }

  async listOpen(headPrefix: string): Promise<PullRequest[]> {
    const pulls = await this.list('open')
    return pulls
      .filter((pull) => pull.head.ref.startsWith(headPrefix))
      .sort((a, b) => a.number - b.number)
      .map(toPullRequest)
  }

  async isMerged(number: number): Promise<boolean> {
    return (await this.get(number)).merged
  }

  async findMerged(head: string, base?: string): Promise<PullRequest[]> {
    const pulls = await this.list('closed', head, base)
    return pulls
      .filter((pull) => pull.merged_at !== null)
      .sort((a, b) => b.number - a.number)
      .map(toPullRequest)
  }

  async findClosed(head: string, base?: string): Promise<PullRequest[]> {
    const pulls = await this.list('closed', head, base)
    return pulls.sort((a, b) => b.number - a.number).map(toPullRequest)
  }

  async defaultBranch(): Promise<string> {
    const { rest } = await this.api()
    const { data } = await rest.repos.get({ ...this.ref })
    return data.default_branch
  }
}

/**
 * The pull request client for one repository. Creating it makes no API call and does not need the token
 * yet: a run that has nothing to open, update or close touches neither. The token (and the API URL) are
 * checked on the first call.
 */
export function createPullRequests(options: PullRequestsOptions): PullRequests {
  const { owner, repo, ...rest } = options
  if (!owner || !repo)
    throw new Error(`repository must be owner/name, got ${JSON.stringify(`${owner}/${repo}`)}`)
  let octokit: Promise<Octokit> | undefined
  // loaded on first use: Octokit is a fifth of the bundle, and most runs never call GitHub
  const api = () => (octokit ??= import('./octokit.js').then(({ createOctokit }) => createOctokit(rest)))
  return new GitHubPullRequests(api, owner, repo)
}
