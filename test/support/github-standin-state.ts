import { createHash } from 'node:crypto'
import {
  fullRepository,
  issueComment,
  label,
  pullRequest,
  pullRequestSimple,
  timestamp,
  type CommentState,
  type LabelState,
  type PullState,
  type RepoInfo,
  type Site,
} from './github-objects.js'

/**
 * In-memory state of one repository on the GitHub stand-in, and the behaviour of the endpoints the
 * pull request client uses, as GitHub documents it (validation errors, duplicate PRs, auto-created labels).
 */

export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export interface CallContext {
  operationId: string
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  /** Absolute URL of the request, for Link headers. */
  url: URL
}

export interface StateOptions {
  site: Site
  owner: string
  repo: string
  defaultBranch: string
  /** Who opens pull requests and comments (the token's user). */
  actor: string
  /** The sha of a branch, or undefined when it does not exist. */
  branchSha: (branch: string) => string | undefined
}

const DOCS = 'https://docs.github.com/rest'

function validationFailed(...errors: Record<string, string>[]): Reply {
  return { status: 422, body: { message: 'Validation Failed', errors, documentation_url: DOCS } }
}

const notFound: Reply = {
  status: 404,
  body: { message: 'Not Found', documentation_url: DOCS, status: '404' },
}

/** A deterministic fake sha for a branch name (when the test does not provide real ones). */
export function fakeSha(name: string): string {
  return createHash('sha1').update(name).digest('hex')
}

type JsonRecord = Record<string, unknown>

export class RepoState {
  readonly info: RepoInfo
  private readonly pulls = new Map<number, PullState>()
  private readonly labels = new Map<string, LabelState>()
  private readonly comments: CommentState[] = []
  private nextNumber = 1
  private nextId = 1000

  constructor(private readonly options: StateOptions) {
    this.info = {
      id: 424242,
      owner: options.owner,
      name: options.repo,
      defaultBranch: options.defaultBranch,
      createdAt: timestamp(new Date('2024-01-01T00:00:00Z')),
    }
  }

  // ---- inspection ----

  pullObjects() {
    return [...this.pulls.values()].map((pull) => this.pullObject(pull))
  }

  commentObjects(issue: number) {
    return this.comments
      .filter((c) => c.issue === issue)
      .map((c) => issueComment(this.options.site, this.info, c, this.options.actor))
  }

  labelObjects() {
    return [...this.labels.values()].map((state) => label(this.options.site, this.info, state))
  }

  /** What a merge on the website does. */
  merge(number: number): void {
    const pull = this.pulls.get(number)
    if (!pull || pull.state !== 'open') throw new Error(`stand-in: no open pull request #${number} to merge`)
    const now = timestamp()
    Object.assign(pull, {
      state: 'closed',
      merged: true,
      mergedAt: now,
      closedAt: now,
      updatedAt: now,
      mergeCommitSha: fakeSha(`merge ${number}`),
    })
  }

  // ---- endpoints ----

  handle(call: CallContext): Reply | undefined {
    const handler = this.handlers[call.operationId]
    return handler?.(call)
  }

  private readonly handlers: Record<string, (call: CallContext) => Reply> = {
    'repos/get': (call) =>
      this.isRepo(call) ? { status: 200, body: fullRepository(this.options.site, this.info) } : notFound,
    'pulls/list': (call) => this.listPulls(call),
    'pulls/create': (call) => this.createPull(call),
    'pulls/get': (call) => {
      const pull = this.pull(call)
      return pull ? { status: 200, body: this.pullObject(pull) } : notFound
    },
    'pulls/update': (call) => this.updatePull(call),
    'issues/create-comment': (call) => this.createComment(call),
    'issues/list-comments': (call) => {
      const pull = this.pull(call)
      if (!pull) return notFound
      return this.page(call, this.commentObjects(pull.number))
    },
    'issues/get-label': (call) => {
      const state = this.isRepo(call) ? this.labels.get(String(call.params.name).toLowerCase()) : undefined
      return state ? { status: 200, body: label(this.options.site, this.info, state) } : notFound
    },
    'issues/create-label': (call) => this.createLabel(call),
    'issues/add-labels': (call) => this.addLabels(call),
  }

  private isRepo(call: CallContext): boolean {
    return (
      call.params.owner?.toLowerCase() === this.info.owner.toLowerCase() &&
      call.params.repo?.toLowerCase() === this.info.name.toLowerCase()
    )
  }

  private pull(call: CallContext): PullState | undefined {
    if (!this.isRepo(call)) return undefined
    return this.pulls.get(Number(call.params.pull_number ?? call.params.issue_number))
  }

  private pullObject(pull: PullState) {
    return pullRequest(this.options.site, this.info, pull, this.labelsOf(pull), this.options.actor)
  }

  private labelsOf(pull: PullState): LabelState[] {
    return [...this.labels.values()].filter((state) => pull.labels.includes(state.id))
  }

  /** One page of a list, with GitHub's Link header. */
  private page(call: CallContext, items: unknown[]): Reply {
    const perPage = Math.min(Number(call.query.get('per_page') ?? 30), 100)
    const page = Math.max(Number(call.query.get('page') ?? 1), 1)
    const last = Math.max(Math.ceil(items.length / perPage), 1)
    const link = (n: number, rel: string): string => {
      const url = new URL(call.url)
      url.searchParams.set('per_page', String(perPage))
      url.searchParams.set('page', String(n))
      return `<${url.href}>; rel="${rel}"`
    }
    const links = [
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
    ]
    return {
      status: 200,
      body: items.slice((page - 1) * perPage, page * perPage),
      headers: links.length > 0 ? { link: links.join(', ') } : {},
    }
  }

  private listPulls(call: CallContext): Reply {
    if (!this.isRepo(call)) return notFound
    const state = call.query.get('state') ?? 'open'
    const head = call.query.get('head')
    const base = call.query.get('base')
    let pulls = [...this.pulls.values()].filter((pull) => state === 'all' || pull.state === state)
    if (head !== null) {
      // Documented format: user:ref-name (or organization:ref-name).
      const [user, ...ref] = head.split(':')
      pulls =
        ref.length === 0
          ? []
          : pulls.filter(
              (pull) => user?.toLowerCase() === this.info.owner.toLowerCase() && pull.head === ref.join(':'),
            )
    }
    if (base !== null) pulls = pulls.filter((pull) => pull.base === base)
    const sort = call.query.get('sort') ?? 'created'
    const direction = call.query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc')
    const key = (pull: PullState): string =>
      (sort === 'updated' ? pull.updatedAt : pull.createdAt) + String(pull.number).padStart(9, '0')
    pulls.sort((a, b) => (direction === 'asc' ? key(a).localeCompare(key(b)) : key(b).localeCompare(key(a))))
    return this.page(
      call,
      pulls.map((pull) =>
        pullRequestSimple(this.options.site, this.info, pull, this.labelsOf(pull), this.options.actor),
      ),
    )
  }

  private createPull(call: CallContext): Reply {
    if (!this.isRepo(call)) return notFound
    const body = call.body as JsonRecord
    if (body.issue !== undefined)
      return validationFailed({ resource: 'PullRequest', field: 'issue', code: 'unsupported_by_stand_in' })
    if (typeof body.title !== 'string' || body.title === '')
      return validationFailed({ resource: 'PullRequest', field: 'title', code: 'missing_field' })
    let head = String(body.head)
    const colon = head.indexOf(':')
    if (colon >= 0) {
      if (head.slice(0, colon).toLowerCase() !== this.info.owner.toLowerCase())
        return validationFailed({ resource: 'PullRequest', field: 'head', code: 'invalid' })
      head = head.slice(colon + 1)
    }
    const base = String(body.base)
    const headSha = this.options.branchSha(head)
    const baseSha = this.options.branchSha(base)
    if (headSha === undefined)
      return validationFailed({ resource: 'PullRequest', field: 'head', code: 'invalid' })
    if (baseSha === undefined)
      return validationFailed({ resource: 'PullRequest', field: 'base', code: 'invalid' })
    if (head === base || headSha === baseSha) {
      return validationFailed({
        resource: 'PullRequest',
        code: 'custom',
        message: `No commits between ${base} and ${head}`,
      })
    }
    if (
      [...this.pulls.values()].some(
        (pull) => pull.state === 'open' && pull.head === head && pull.base === base,
      )
    ) {
      return validationFailed({
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${this.info.owner}:${head}.`,
      })
    }
    const now = timestamp()
    const pull: PullState = {
      id: this.nextId++,
      number: this.nextNumber++,
      title: body.title,
      body: typeof body.body === 'string' ? body.body : null,
      head,
      headSha,
      base,
      baseSha,
      state: 'open',
      draft: body.draft === true,
      merged: false,
      mergedAt: null,
      mergeCommitSha: null,
      closedAt: null,
      createdAt: now,
      updatedAt: now,
      labels: [],
      comments: 0,
    }
    this.pulls.set(pull.number, pull)
    const object = this.pullObject(pull)
    return { status: 201, body: object, headers: { location: object.url } }
  }

  private updatePull(call: CallContext): Reply {
    const pull = this.pull(call)
    if (!pull) return notFound
    const body = (call.body ?? {}) as JsonRecord
    if (body.state === 'open' && pull.merged)
      return validationFailed({ resource: 'PullRequest', field: 'state', code: 'invalid' })
    if (typeof body.title === 'string') pull.title = body.title
    if (typeof body.body === 'string') pull.body = body.body
    if (typeof body.base === 'string') pull.base = body.base
    const now = timestamp()
    if (body.state === 'closed' && pull.state === 'open')
      Object.assign(pull, { state: 'closed', closedAt: now })
    if (body.state === 'open' && pull.state === 'closed')
      Object.assign(pull, { state: 'open', closedAt: null })
    pull.updatedAt = now
    return { status: 200, body: this.pullObject(pull) }
  }

  private createComment(call: CallContext): Reply {
    const pull = this.pull(call)
    if (!pull) return notFound
    const now = timestamp()
    const comment: CommentState = {
      id: this.nextId++,
      issue: pull.number,
      body: String((call.body as JsonRecord).body),
      createdAt: now,
      updatedAt: now,
    }
    this.comments.push(comment)
    pull.comments++
    const object = issueComment(this.options.site, this.info, comment, this.options.actor)
    return { status: 201, body: object, headers: { location: object.url } }
  }

  private createLabel(call: CallContext): Reply {
    if (!this.isRepo(call)) return notFound
    const body = call.body as JsonRecord
    const name = String(body.name)
    if (this.labels.has(name.toLowerCase()))
      return validationFailed({ resource: 'Label', field: 'name', code: 'already_exists' })
    const state = this.addLabel(
      name,
      typeof body.color === 'string' ? body.color : 'ededed',
      typeof body.description === 'string' ? body.description : null,
    )
    const object = label(this.options.site, this.info, state)
    return { status: 201, body: object, headers: { location: object.url } }
  }

  private addLabel(name: string, color: string, description: string | null): LabelState {
    const state: LabelState = { id: this.nextId++, name, color, description }
    this.labels.set(name.toLowerCase(), state)
    return state
  }

  private addLabels(call: CallContext): Reply {
    const pull = this.pull(call)
    if (!pull) return notFound
    const raw = ((call.body ?? {}) as JsonRecord).labels
    const names = (Array.isArray(raw) ? raw : []).map((item: unknown) =>
      typeof item === 'string' ? item : String((item as JsonRecord).name),
    )
    for (const name of names) {
      // GitHub creates labels that do not exist yet, with its default colour.
      const state = this.labels.get(name.toLowerCase()) ?? this.addLabel(name, 'ededed', null)
      if (!pull.labels.includes(state.id)) pull.labels.push(state.id)
    }
    return {
      status: 200,
      body: this.labelsOf(pull).map((state) => label(this.options.site, this.info, state)),
    }
  }
}
