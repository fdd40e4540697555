import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { OpenApiValidator } from './github-openapi.js'
import { fakeSha, RepoState, type Reply } from './github-standin-state.js'

/**
 * A local stand-in for GitHub's REST API (one repository) on 127.0.0.1. Every request is matched to an
 * operation of GitHub's OpenAPI description and checked (path and query parameters, JSON body); every
 * response body is checked against the documented schema for its status. A violation is recorded and
 * answered with status 599, so a test sees it twice: as a failed call and in `violations()`.
 */

export interface StandInOptions {
  owner?: string
  repo?: string
  /** The token a request must carry (`Authorization: token …` or `Bearer …`). */
  token?: string
  defaultBranch?: string
  /** Web base for html_url fields. */
  web?: string
  /** Login of the token's user. */
  actor?: string
  /** The sha of a branch, or undefined when the branch does not exist. Default: every branch exists. */
  branchSha?: (branch: string) => string | undefined
}

/** A failure the stand-in answers instead of the real endpoint. */
export interface Fault {
  status: number
  /** How many matching requests get it (default 1). */
  times?: number
  /** Only this operation, e.g. `pulls/create` (default: any). */
  operationId?: string
  /** Seconds for a `Retry-After` header. */
  retryAfter?: number
  /** Seconds until `x-ratelimit-reset`, sent with `x-ratelimit-remaining: 0` (primary rate limit). */
  resetIn?: number
}

export interface RecordedRequest {
  method: string
  /** Path and query as received. */
  url: string
  operationId?: string
  status: number
  body?: unknown
  /** Whether the request carried the expected token (the token itself is never recorded). */
  authorized: boolean
  /** When the request arrived and when its reply was sent (ms since the epoch). */
  at: number
  answeredAt: number
}

export interface Violation {
  method: string
  url: string
  operationId?: string
  problems: string[]
}

export interface GitHubStandIn {
  /** API base URL (what GITHUB_API_URL would hold). */
  url: string
  token: string
  owner: string
  repo: string
  /** Pull requests as full GitHub objects. */
  pulls(): ReturnType<RepoState['pullObjects']>
  comments(number: number): ReturnType<RepoState['commentObjects']>
  labels(): ReturnType<RepoState['labelObjects']>
  requests(): RecordedRequest[]
  violations(): Violation[]
  inject(fault: Fault): void
  /** Merges an open pull request, as a person would on the website. */
  merge(number: number): void
  close(): Promise<void>
}

const DOCS = 'https://docs.github.com/rest'

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function faultReply(fault: Fault): Reply {
  const headers: Record<string, string> = {}
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter)
  if (fault.resetIn !== undefined) {
    headers['x-ratelimit-remaining'] = '0'
    headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + fault.resetIn)
  }
  const limited = fault.status === 429 || fault.retryAfter !== undefined || fault.resetIn !== undefined
  const message = limited
    ? fault.resetIn !== undefined
      ? 'API rate limit exceeded for user ID 2.'
      : 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
    : 'Server Error'
  return { status: fault.status, headers, body: { message, documentation_url: DOCS } }
}

export async function startGitHubStandIn(options: StandInOptions = {}): Promise<GitHubStandIn> {
  const owner = options.owner ?? 'fork-owner'
  const repo = options.repo ?? 'fork'
  const token = options.token ?? 'ghs_standInToken0123456789'
  const validator = new OpenApiValidator()
  const recorded: RecordedRequest[] = []
  const violations: Violation[] = []
  const faults: (Fault & { left: number })[] = []
  const site = { api: '', web: (options.web ?? 'https://github.com').replace(/\/+$/, '') }
  const state = new RepoState({
    site,
    owner,
    repo,
    defaultBranch: options.defaultBranch ?? 'main',
    actor: options.actor ?? 'github-actions[bot]',
    branchSha: options.branchSha ?? fakeSha,
  })

  async function respond(
    request: IncomingMessage,
  ): Promise<{ reply: Reply; record: Omit<RecordedRequest, 'status' | 'answeredAt'> }> {
    const at = Date.now()
    const method = request.method ?? 'GET'
    const url = new URL(request.url ?? '/', site.api)
    const text = await readBody(request)
    const auth = request.headers.authorization ?? ''
    const authorized = auth === `token ${token}` || auth === `Bearer ${token}`
    let body: unknown
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = text
    }
    const record = { method, url: `${url.pathname}${url.search}`, body, authorized, at }
    const violation = (
      operationId: string | undefined,
      problems: string[],
    ): { reply: Reply; record: typeof record } => {
      violations.push({ method, url: record.url, operationId, problems })
      return { reply: { status: 599, body: { message: `stand-in: ${problems.join('; ')}` } }, record }
    }
    const match = validator.match(method, url.pathname)
    if (!match)
      return violation(undefined, [
        `no operation for ${method} ${url.pathname} in GitHub's OpenAPI description`,
      ])
    const operationId = match.operation.id
    const withId = { ...record, operationId }
    const problems = validator.validateRequest(match, url.searchParams, {
      text,
      contentType: request.headers['content-type'],
    })
    if (problems.length > 0) return { ...violation(operationId, problems), record: withId }
    let reply: Reply | undefined
    if (!authorized)
      reply = { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } }
    const fault = faults.find(
      (f) => f.left > 0 && (f.operationId === undefined || f.operationId === operationId),
    )
    if (!reply && fault) {
      fault.left--
      reply = faultReply(fault)
    }
    reply ??= state.handle({ operationId, params: match.pathParams, query: url.searchParams, body, url })
    if (!reply)
      return { ...violation(operationId, [`the stand-in does not implement ${operationId}`]), record: withId }
    const responseProblems = validator.validateResponse(match.operation, reply.status, reply.body)
    if (responseProblems.length > 0) return { ...violation(operationId, responseProblems), record: withId }
    return { reply, record: withId }
  }

  function send(response: ServerResponse, reply: Reply): void {
    const payload = reply.body === undefined ? '' : JSON.stringify(reply.body)
    response.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-github-request-id': `STANDIN:${recorded.length}`,
      ...reply.headers,
    })
    response.end(payload)
  }

  const server = createServer((request, response) => {
    respond(request).then(
      ({ reply, record }) => {
        send(response, reply)
        recorded.push({ ...record, status: reply.status, answeredAt: Date.now() })
      },
      (error: unknown) => {
        violations.push({
          method: request.method ?? '',
          url: request.url ?? '',
          problems: [`stand-in crashed: ${String(error)}`],
        })
        send(response, { status: 599, body: { message: 'stand-in crashed' } })
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  site.api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: site.api,
    token,
    owner,
    repo,
    pulls: () => state.pullObjects(),
    comments: (number) => state.commentObjects(number),
    labels: () => state.labelObjects(),
    requests: () => [...recorded],
    violations: () => [...violations],
    inject: (fault) => faults.push({ ...fault, left: fault.times ?? 1 }),
    merge: (number) => state.merge(number),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
