import { spawn } from 'node:child_process'
import { childEnv } from '../process/child-env.js'
import { DELIM, FLUSH, PacketReader, pktLine } from './pkt-line.js'
import { listRemote, type RemoteRefs } from './remote.js'

/** What to list: the server filters by prefix (protocol v2 `ref-prefix`), so unlisted refs cost nothing. */
export interface RefQuery {
  /** Full ref name prefixes (`refs/tags/debian/`, `HEAD`); empty lists every ref. */
  prefixes: readonly string[]
  /** Also ask which commit each annotated tag points to: it nearly doubles the bytes of a tag's line. */
  peel: boolean
}

/** Several listings of one remote over one connection (one helper process, one capability exchange). */
export interface RefSession {
  list(query: RefQuery): Promise<RemoteRefs>
  close(): Promise<void>
}

/**
 * Lists refs of a remote with protocol v2 `ls-refs`, which `git ls-remote` cannot ask for by prefix or
 * without peeling. Over http(s) git's own remote helper carries it (`stateless-connect`: git's HTTP stack,
 * proxies, and the auth header from the environment), for file:// `git upload-pack`. Where neither
 * applies (ssh, a server without protocol v2) it falls back to `git ls-remote`, filtered here.
 */
export async function openRefSession(url: string, env: Record<string, string> = {}): Promise<RefSession> {
  return (await openV2(url, env)) ?? fallbackSession(url, env)
}

/** One listing over its own session. */
export async function listRefs(
  url: string,
  query: RefQuery,
  env: Record<string, string> = {},
): Promise<RemoteRefs> {
  const session = await openRefSession(url, env)
  try {
    return await session.list(query)
  } finally {
    await session.close()
  }
}

function fallbackSession(url: string, env: Record<string, string>): RefSession {
  let all: Promise<RemoteRefs> | undefined
  return {
    async list(query) {
      all ??= listRemote(url, env)
      return onlyPrefixes(await all, query.prefixes)
    },
    close: async () => undefined,
  }
}

/** The refs of a full listing under `prefixes` (all of them when there are none). */
export function onlyPrefixes(listing: RemoteRefs, prefixes: readonly string[]): RemoteRefs {
  if (prefixes.length === 0) return listing
  const wanted = (name: string) => prefixes.some((prefix) => name.startsWith(prefix))
  const refs = new Map([...listing.refs].filter(([name]) => wanted(name)))
  const tagCommits = new Map([...listing.tagCommits].filter(([name]) => wanted(`refs/tags/${name}`)))
  return { headBranch: wanted('HEAD') ? listing.headBranch : undefined, refs, tagCommits }
}

/** A running protocol v2 helper: its packets, and how it ends. */
interface Helper {
  scheme: string | undefined
  stdin: NodeJS.WritableStream
  reader: PacketReader
  /** Ends the helper and makes an error of `what` with its exit code and its own words. */
  failed(what: string): Promise<Error>
  quit(): Promise<void>
}

async function openV2(url: string, env: Record<string, string>): Promise<RefSession | undefined> {
  const helper = startHelper(url, env)
  if (!helper) return undefined
  const capabilities = await handshake(helper)
  if (!capabilities) return undefined
  const objectFormat = capabilities.find((line) => line.startsWith('object-format='))
  return {
    list: (query) => listOver(helper, query, objectFormat),
    close: () => helper.quit(),
  }
}

/**
 * git's own helper for the URL, kept running: over http(s) `git remote-https` (stateless-connect), for
 * file:// `git upload-pack`. Spawned here, not through simple-git, which cannot talk with a running
 * command (it writes standard input once).
 */
function startHelper(url: string, env: Record<string, string>): Helper | undefined {
  const scheme = /^(https?):\/\//i.exec(url)?.[1]?.toLowerCase()
  const path = /^file:\/\/(\/[^%]*)$/.exec(url)?.[1]
  if (!scheme && !path) return undefined
  const args = scheme
    ? ['-c', 'protocol.version=2', `remote-${scheme}`, url, url]
    : ['upload-pack', '--timeout=600', path!]
  const child = spawn('git', args, {
    env: childEnv({ GIT_TERMINAL_PROMPT: '0', ...env, GIT_PROTOCOL: 'version=2' }),
    stdio: 'pipe',
  })
  const stderr: Buffer[] = []
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  child.stdin.on('error', () => undefined) // it may exit before reading everything
  const exited = new Promise<number>((resolve) => {
    child.on('close', (code) => resolve(code ?? 1))
    child.on('error', () => resolve(127))
  })
  const quit = async (): Promise<void> => {
    child.stdin.end()
    await exited
  }
  const failed = async (what: string): Promise<Error> => {
    await quit()
    const detail = Buffer.concat(stderr).toString('utf8').trim()
    return new Error(`git ls-refs ${what} (exit ${await exited})${detail ? `:\n${detail}` : ''}`)
  }
  return { scheme, stdin: child.stdin, reader: new PacketReader(child.stdout), failed, quit }
}

/** The server's protocol v2 capabilities; undefined (the helper ended) when it has no v2 `ls-refs`. */
async function handshake(helper: Helper): Promise<string[] | undefined> {
  const { reader } = helper
  if (helper.scheme) {
    helper.stdin.write('stateless-connect git-upload-pack\n')
    const answer = await reader.line()
    if (answer === 'fallback') {
      await helper.quit() // the server speaks protocol v0 only
      return undefined
    }
    if (answer !== '') throw await helper.failed('could not connect')
  }
  const capabilities: string[] = []
  for (let packet = await reader.next(); packet !== 'flush'; packet = await reader.next()) {
    if (packet === undefined) throw await helper.failed('got no capabilities')
    if (Buffer.isBuffer(packet)) capabilities.push(packet.toString('utf8').replace(/\n$/, ''))
  }
  if (capabilities[0] !== 'version 2' || !capabilities.some((line) => /^ls-refs(=|$)/.test(line))) {
    await helper.quit()
    return undefined
  }
  return capabilities
}

/** One `ls-refs` request over the helper's connection. */
async function listOver(
  helper: Helper,
  query: RefQuery,
  objectFormat: string | undefined,
): Promise<RemoteRefs> {
  const { reader } = helper
  helper.stdin.write(
    Buffer.concat([
      pktLine('command=ls-refs\n'),
      ...(objectFormat ? [pktLine(`${objectFormat}\n`)] : []),
      DELIM,
      pktLine('symrefs\n'),
      ...(query.peel ? [pktLine('peel\n')] : []),
      ...query.prefixes.map((prefix) => pktLine(`ref-prefix ${prefix}\n`)),
      FLUSH,
    ]),
  )
  const lines: string[] = []
  for (let packet = await reader.next(); packet !== 'flush'; packet = await reader.next()) {
    if (packet === undefined) throw await helper.failed('ended early')
    if (!Buffer.isBuffer(packet)) continue
    const line = packet.toString('utf8').replace(/\n$/, '')
    if (line.startsWith('ERR ')) throw await helper.failed(`refused: ${line.slice(4)}`)
    lines.push(line)
  }
  // the helper marks where each response ends
  if (helper.scheme && (await reader.next()) !== 'response-end')
    throw await helper.failed('lost the response end')
  return parseLsRefs(lines, query.peel)
}

/**
 * The lines of an ls-refs response (`<oid> <name>[ symref-target:<ref>][ peeled:<oid>]`). Tag commits are
 * known only when peeled was asked for (a tag without `peeled:` then points at its commit directly).
 */
export function parseLsRefs(lines: readonly string[], peeled: boolean): RemoteRefs {
  const refs = new Map<string, string>()
  const tagCommits = new Map<string, string>()
  let headBranch: string | undefined
  for (const line of lines) {
    const [oid, name, ...attributes] = line.split(' ')
    if (!oid || !name || oid === 'unborn') continue
    refs.set(name, oid)
    const attribute = (key: string) =>
      attributes.find((item) => item.startsWith(`${key}:`))?.slice(key.length + 1)
    const target = attribute('symref-target')
    if (name === 'HEAD' && target?.startsWith('refs/heads/')) headBranch = target.slice('refs/heads/'.length)
    if (peeled && name.startsWith('refs/tags/'))
      tagCommits.set(name.slice('refs/tags/'.length), attribute('peeled') ?? oid)
  }
  return { headBranch, refs, tagCommits }
}
