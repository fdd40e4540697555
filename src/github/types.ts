/** A pull request as the pipeline needs it (a small view of GitHub's object). */
export interface PullRequest {
  number: number
  /** The page a person opens (html_url). */
  url: string
  title: string
  body: string
  /** Head branch name (in the same repository). */
  head: string
  headSha: string
  base: string
  state: 'open' | 'closed'
  merged: boolean
  labels: string[]
}

export interface NewPullRequest {
  head: string
  base: string
  title: string
  body: string
  /** Labels to put on the pull request; each is created in the repository when missing. */
  labels?: string[]
}

export interface PullRequestChanges {
  title?: string
  body?: string
}

/** What `ensure` did: nothing to change, changed the open pull request, or opened a new one. */
export type EnsureAction = 'unchanged' | 'updated' | 'created'

export interface PostedComment {
  id: number
  url: string
}

/** Pull requests of one repository. Only head branches of that same repository are considered. */
export interface PullRequests {
  /** The open pull request from `head` (into `base`, when given), or undefined. */
  find(head: string, base?: string): Promise<PullRequest | undefined>
  /** One pull request by number. */
  get(number: number): Promise<PullRequest>
  /** Opens a pull request and labels it (creating missing labels). */
  create(input: NewPullRequest): Promise<PullRequest>
  /** Changes title and/or body. */
  update(number: number, changes: PullRequestChanges): Promise<PullRequest>
  /** Find-then-update-or-create: exactly one open pull request per head branch, re-runs change nothing. */
  ensure(input: NewPullRequest): Promise<{ pullRequest: PullRequest; action: EnsureAction }>
  comment(number: number, body: string): Promise<PostedComment>
  /** Closes the pull request, posting `comment` first when given. Closing a closed one is a no-op (false). */
  close(number: number, comment?: string): Promise<boolean>
  /** Open pull requests whose head branch starts with `headPrefix` (e.g. `patch-carrier/rebase/`). */
  listOpen(headPrefix: string): Promise<PullRequest[]>
  isMerged(number: number): Promise<boolean>
  /** Merged pull requests from `head` (into `base`, when given), newest first. */
  findMerged(head: string, base?: string): Promise<PullRequest[]>
  /** Closed pull requests from `head` (into `base`, when given), merged or not, newest first. */
  findClosed(head: string, base?: string): Promise<PullRequest[]>
  /** The repository's default branch. */
  defaultBranch(): Promise<string>
}
