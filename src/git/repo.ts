import { createWriteStream } from 'node:fs'
import { run, type RunOptions, type RunResult } from '../process/run.js'

/** Who commits: passed per command through the environment, never written to git config. */
export interface Identity {
  name: string
  email: string
}

/**
 * A local git repository (bare or not). Every git command of the action goes through here:
 * argument arrays only, no global config assumed, run-only settings via the environment.
 */
export class GitRepo {
  constructor(
    /** The git directory (`.git` of a work tree, or a bare repository). */
    readonly gitDir: string,
    /** The work tree, when there is one. */
    readonly workTree?: string,
    /** Extra environment for every command (e.g. GIT_CONFIG_* for an auth header, identity). */
    private readonly env: Record<string, string> = {},
  ) {}

  /** Runs `git <args>` in this repository. */
  exec(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const location = this.workTree
      ? ['--git-dir', this.gitDir, '--work-tree', this.workTree]
      : ['--git-dir', this.gitDir]
    return run('git', [...location, ...args], {
      cwd: this.workTree ?? this.gitDir,
      ...options,
      env: { GIT_TERMINAL_PROMPT: '0', ...this.env, ...options.env },
    })
  }

  /** Runs git and returns stdout without the trailing newline. */
  async read(args: readonly string[], options: RunOptions = {}): Promise<string> {
    return (await this.exec(args, options)).stdout.replace(/\n$/, '')
  }

  /** Resolves a revision to a full sha, or undefined when it does not exist. */
  async resolve(revision: string): Promise<string | undefined> {
    const result = await this.exec(['rev-parse', '--verify', '--quiet', '--end-of-options', revision], {
      okCodes: [0, 1],
    })
    return result.code === 0 ? result.stdout.trim() : undefined
  }

  /** Contents of a file at a revision, or undefined when absent. */
  async readFile(revision: string, path: string): Promise<string | undefined> {
    const result = await this.exec(['cat-file', 'blob', `${revision}:${path}`], { okCodes: [0, 128] })
    return result.code === 0 ? result.stdout : undefined
  }

  /** Names in a tree directory at a revision (empty when the directory does not exist). */
  async listTree(revision: string, path = ''): Promise<string[]> {
    const spec = path ? `${revision}:${path}` : `${revision}^{tree}`
    const result = await this.exec(['ls-tree', '--name-only', '-z', spec], { okCodes: [0, 128] })
    return result.code === 0 ? result.stdout.split('\0').filter(Boolean) : []
  }

  /** Bytes of every file in the tree of a revision (what writing it out takes). */
  async treeBytes(revision: string): Promise<number> {
    const listing = await this.read(['ls-tree', '-r', '-l', '-z', `${revision}^{tree}`])
    const sizes = listing.split('\0').map((entry) => Number(/^\S+ blob \S+ +(\d+)\t/.exec(entry)?.[1] ?? 0))
    return sizes.reduce((sum, size) => sum + size, 0)
  }

  /** Writes `git archive` output for a tree-ish to a file. */
  async archiveToFile(file: string, args: readonly string[]): Promise<void> {
    const out = createWriteStream(file)
    const done = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve)
      out.on('error', reject)
    })
    await this.exec(['archive', ...args], { stdoutTo: out })
    await done
  }

  /** A copy of this handle with more environment (identity, auth header) for its commands. */
  withEnv(env: Record<string, string>): GitRepo {
    return new GitRepo(this.gitDir, this.workTree, { ...this.env, ...env })
  }
}

/** Environment that makes git commit as `identity` for one command. */
export function identityEnv(identity: Identity, date?: string): Record<string, string> {
  const env: Record<string, string> = {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  }
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date })
  return env
}
