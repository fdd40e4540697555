/**
 * Builders for GitHub REST objects shaped like the real ones (every field GitHub's description requires),
 * for the API stand-in. URLs point at the stand-in (`api`) and at a web base (`web`).
 */

export interface Site {
  /** API base without trailing slash, e.g. `http://127.0.0.1:1234`. */
  api: string
  /** Web base without trailing slash, e.g. `https://github.com`. */
  web: string
}

export interface RepoInfo {
  id: number
  owner: string
  name: string
  defaultBranch: string
  createdAt: string
}

export interface LabelState {
  id: number
  name: string
  color: string
  description: string | null
}

export interface CommentState {
  id: number
  issue: number
  body: string
  createdAt: string
  updatedAt: string
}

export interface PullState {
  id: number
  number: number
  title: string
  body: string | null
  head: string
  headSha: string
  base: string
  baseSha: string
  state: 'open' | 'closed'
  draft: boolean
  merged: boolean
  mergedAt: string | null
  mergeCommitSha: string | null
  closedAt: string | null
  createdAt: string
  updatedAt: string
  labels: number[]
  comments: number
}

/** GitHub's timestamp style: ISO 8601 without milliseconds. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`stand-in:${id}`).toString('base64url')}`
}

/** A user or, for a login like `github-actions[bot]`, an app's bot user (URLs percent-encode the login). */
export function simpleUser(site: Site, login: string, id: number) {
  const bot = /\[bot\]$/.exec(login)
  const api = `${site.api}/users/${encodeURIComponent(login)}`
  return {
    login,
    id,
    node_id: nodeId(bot ? 'BOT' : 'U', id),
    avatar_url: `${site.web}/avatars/${encodeURIComponent(login)}`,
    gravatar_id: '',
    url: api,
    html_url: bot
      ? `${site.web}/apps/${encodeURIComponent(login.slice(0, -5))}`
      : `${site.web}/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: bot ? 'Bot' : 'User',
    site_admin: false,
  }
}

/** The `repository` object (as in a pull request's head and base). */
export function repository(site: Site, repo: RepoInfo) {
  const api = `${site.api}/repos/${repo.owner}/${repo.name}`
  const web = `${site.web}/${repo.owner}/${repo.name}`
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    license: null,
    forks: 0,
    owner: simpleUser(site, repo.owner, 1),
    private: false,
    html_url: web,
    description: null,
    fork: true,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `${web.replace(/^https?:/, 'git:')}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${new URL(site.web).host}:${repo.owner}/${repo.name}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${web}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: web,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 1,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    open_issues: 0,
    watchers: 0,
  }
}

/** The `full-repository` object (GET /repos/{owner}/{repo}). */
export function fullRepository(site: Site, repo: RepoInfo) {
  return {
    ...repository(site, repo),
    has_discussions: false,
    subscribers_count: 0,
    network_count: 0,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  }
}

export function label(site: Site, repo: RepoInfo, state: LabelState) {
  return {
    id: state.id,
    node_id: nodeId('LA', state.id),
    url: `${site.api}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(state.name)}`,
    name: state.name,
    description: state.description,
    color: state.color,
    default: false,
  }
}

export function issueComment(site: Site, repo: RepoInfo, state: CommentState, author: string) {
  const api = `${site.api}/repos/${repo.owner}/${repo.name}`
  return {
    id: state.id,
    node_id: nodeId('IC', state.id),
    url: `${api}/issues/comments/${state.id}`,
    html_url: `${site.web}/${repo.owner}/${repo.name}/pull/${state.issue}#issuecomment-${state.id}`,
    body: state.body,
    user: simpleUser(site, author, 2),
    created_at: state.createdAt,
    updated_at: state.updatedAt,
    issue_url: `${api}/issues/${state.issue}`,
    author_association: 'NONE',
  }
}

/** Fields shared by `pull-request-simple` (lists) and `pull-request` (single). */
function pullCommon(site: Site, repo: RepoInfo, pull: PullState, labels: LabelState[], author: string) {
  const api = `${site.api}/repos/${repo.owner}/${repo.name}`
  const web = `${site.web}/${repo.owner}/${repo.name}/pull/${pull.number}`
  const user = simpleUser(site, author, 2)
  const repoObject = repository(site, repo)
  const link = (href: string) => ({ href })
  return {
    url: `${api}/pulls/${pull.number}`,
    id: pull.id,
    node_id: nodeId('PR', pull.id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${api}/pulls/${pull.number}/commits`,
    review_comments_url: `${api}/pulls/${pull.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user,
    body: pull.body,
    labels: labels.map((state) => label(site, repo, state)),
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: { label: `${repo.owner}:${pull.head}`, ref: pull.head, repo: repoObject, sha: pull.headSha, user },
    base: { label: `${repo.owner}:${pull.base}`, ref: pull.base, repo: repoObject, sha: pull.baseSha, user },
    _links: {
      self: link(`${api}/pulls/${pull.number}`),
      html: link(web),
      issue: link(`${api}/issues/${pull.number}`),
      comments: link(`${api}/issues/${pull.number}/comments`),
      review_comments: link(`${api}/pulls/${pull.number}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${api}/pulls/${pull.number}/commits`),
      statuses: link(`${api}/statuses/${pull.headSha}`),
    },
    author_association: 'NONE',
    auto_merge: null,
    draft: pull.draft,
  }
}

export function pullRequestSimple(
  site: Site,
  repo: RepoInfo,
  pull: PullState,
  labels: LabelState[],
  author: string,
) {
  return pullCommon(site, repo, pull, labels, author)
}

export function pullRequest(
  site: Site,
  repo: RepoInfo,
  pull: PullState,
  labels: LabelState[],
  author: string,
) {
  return {
    ...pullCommon(site, repo, pull, labels, author),
    merged: pull.merged,
    mergeable: pull.state === 'open' ? true : null,
    rebaseable: pull.state === 'open' ? true : null,
    mergeable_state: pull.state === 'open' ? 'clean' : 'unknown',
    merged_by: pull.merged ? simpleUser(site, author, 2) : null,
    comments: pull.comments,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  }
}
