import { runGit } from './command.js'

/** What `git ls-remote` shows of a repository: refs only, no object contents. */
export interface RemoteRefs {
  /** The branch HEAD points at (without refs/heads/), when the server says. */
  headBranch?: string
  /** Full ref name → sha (for annotated tags: the tag object). */
  refs: Map<string, string>
  /** Tag name (without refs/tags/) → the commit it points at (peeled). */
  tagCommits: Map<string, string>
}

/** Lists a remote's refs with one `git ls-remote --symref` call. */
export async function listRemote(url: string, env: Record<string, string> = {}): Promise<RemoteRefs> {
  const { stdout } = await runGit(['ls-remote', '--symref', '--end-of-options', url], {
    cwd: process.cwd(),
    env,
  })
  return parseLsRemote(stdout)
}

export function parseLsRemote(output: string): RemoteRefs {
  const refs = new Map<string, string>()
  const peeled = new Map<string, string>()
  let headBranch: string | undefined
  for (const line of output.split('\n')) {
    const symref = /^ref: refs\/heads\/(.+)\tHEAD$/.exec(line)
    if (symref) {
      headBranch = symref[1]
      continue
    }
    const tab = line.indexOf('\t')
    if (tab < 0) continue
    const sha = line.slice(0, tab)
    const name = line.slice(tab + 1)
    if (name.endsWith('^{}')) peeled.set(name.slice(0, -3), sha)
    else refs.set(name, sha)
  }
  const tagCommits = new Map<string, string>()
  for (const [name, sha] of refs) {
    if (name.startsWith('refs/tags/'))
      tagCommits.set(name.slice('refs/tags/'.length), peeled.get(name) ?? sha)
  }
  return { headBranch, refs, tagCommits }
}
