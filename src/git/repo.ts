import { createWriteStream } from 'node:fs'
import type { RunResult } from '../process/run.js'
import { runGit, type GitOptions } from './command.js'
import { resolveInTree, type LinkLookup } from './tree-links.js'

/** The mode git records for a symbolic link. */
export const LINK_MODE = '120000'

/** One entry of a tree, as `git ls-tree` lists it. */
export interface TreeEntry {
  mode: string
  sha: string
  path: string
}

/** Who commits: passed per command through the environment, never written to git config. */
export interface Identity {
  name: string
  email: string
}

/**
 * A local git repository (bare or not). Every git command of the action goes through here (on simple-git,
 * see command.ts): argument arrays only, no global config assumed, run-only settings via the environment.
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

  /**
   * Runs `git <args>` in this repository. The repository is named through GIT_DIR/GIT_WORK_TREE: simple-git
   * refuses `--git-dir`/`--work-tree` arguments, and the two variables are named to its environment guard.
   */
  exec(args: readonly string[], options: GitOptions = {}): Promise<RunResult> {
    return runGit(args, {
      cwd: this.workTree ?? this.gitDir,
      ...options,
      env: { GIT_DIR: this.gitDir, GIT_WORK_TREE: this.workTree, ...this.env, ...options.env },
    })
  }

  /** Runs git and returns stdout without the trailing newline. */
  async read(args: readonly string[], options: GitOptions = {}): Promise<string> {
    return (await this.exec(args, options)).stdout.replace(/\n$/, '')
  }

  /** Resolves a revision to a full sha, or undefined when it does not exist. */
  async resolve(revision: string): Promise<string | undefined> {
    const result = await this.exec(['rev-parse', '--verify', '--quiet', '--end-of-options', revision], {
      okCodes: [0, 1],
    })
    return result.code === 0 ? result.stdout.trim() : undefined
  }

  /**
   * Contents of a file at a revision, or undefined when absent. Symbolic links of the tree are followed
   * within it, never out of it (that throws a TreeLinkError naming the link); `:<stage>` index entries
   * of a merge are read as stored.
   */
  async readFile(revision: string, path: string): Promise<string | undefined> {
    const where = revision.startsWith(':') ? path : await this.resolvePath(revision, path)
    const result = await this.exec(['cat-file', 'blob', `${revision}:${where}`], { okCodes: [0, 128] })
    return result.code === 0 ? result.stdout : undefined
  }

  /** Where `path` really is in the tree of `revision`: its symbolic links followed within the tree. */
  async resolvePath(revision: string, path: string, onLink?: (link: string) => void): Promise<string> {
    // the usual case in one call: the path exists and is no link (then no directory above it is one either)
    const entry = await this.treeEntry(revision, path)
    if (entry && entry.mode !== LINK_MODE) return entry.path
    return resolveInTree(
      {
        linkTarget: async (candidate) => {
          const found = await this.treeEntry(revision, candidate)
          return found?.mode === LINK_MODE ? await this.readBlob(found.sha) : undefined
        },
      },
      path,
      onLink,
    )
  }

  /** Every file (and symbolic link) of the tree of `revision`, by path: one `ls-tree -r`. */
  async listFiles(revision: string): Promise<Map<string, TreeEntry>> {
    const files = new Map<string, TreeEntry>()
    for (const line of (await this.read(['ls-tree', '-r', '-z', '--full-tree', revision])).split('\0')) {
      const match = /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/s.exec(line)
      if (match) files.set(match[3]!, { mode: match[1]!, sha: match[2]!, path: match[3]! })
    }
    return files
  }

  /** The links of a listing (see listFiles), as resolveInTree asks for them: one `cat-file` per link met. */
  linksOf(files: ReadonlyMap<string, TreeEntry>): LinkLookup {
    return {
      linkTarget: async (path) => {
        const entry = files.get(path)
        return entry?.mode === LINK_MODE ? this.readBlob(entry.sha) : undefined
      },
    }
  }

  /** The entry of one path in the tree of `revision` (mode, sha, path), or undefined when there is none. */
  async treeEntry(revision: string, path: string): Promise<TreeEntry | undefined> {
    const result = await this.exec(
      ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', revision, '--', path],
      {
        okCodes: [0, 128],
      },
    )
    const line = result.code === 0 ? result.stdout.split('\0')[0] : undefined
    const match = line ? /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/s.exec(line) : null
    return match ? { mode: match[1]!, sha: match[2]!, path: match[3]! } : undefined
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

  /** Writes `git archive` output for a tree-ish to a file, streamed. */
  archiveToFile(file: string, args: readonly string[]): Promise<void> {
    return this.streamToFile(file, ['archive', ...args])
  }

  /** The contents of a blob, by id. */
  readBlob(sha: string): Promise<string> {
    return this.read(['cat-file', 'blob', sha])
  }

  /** Writes a blob's bytes to a file, streamed. */
  blobToFile(sha: string, file: string): Promise<void> {
    return this.streamToFile(file, ['cat-file', 'blob', sha])
  }

  private async streamToFile(file: string, args: readonly string[]): Promise<void> {
    const out = createWriteStream(file)
    const done = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve)
      out.on('error', reject)
    })
    await this.exec(args, { stdoutTo: out })
    await done
  }

  /** The type of an object (`blob`, `tree`, `commit`, `tag`), or undefined when there is none. */
  async objectType(spec: string): Promise<string | undefined> {
    const result = await this.exec(['cat-file', '-t', spec], { okCodes: [0, 128] })
    return result.code === 0 ? result.stdout.trim() : undefined
  }

  /** The absolute path of the repository's object directory. */
  objectsDir(): Promise<string> {
    return this.read(['rev-parse', '--path-format=absolute', '--git-path', 'objects'])
  }

  /** Every entry of the tree of `revision`, directories included (`ls-tree -r -t`): type and path. */
  async listEntries(revision: string): Promise<{ type: string; path: string }[]> {
    return (await this.read(['ls-tree', '-r', '-t', '-z', '--full-tree', revision]))
      .split('\0')
      .flatMap((line) => {
        const match = /^\d+ (\w+) [0-9a-f]+\t(.*)$/s.exec(line)
        return match ? [{ type: match[1]!, path: match[2]! }] : []
      })
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
