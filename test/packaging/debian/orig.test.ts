import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitRepo } from '../../../src/git/repo.js'
import { makeOrigTarballs } from '../../../src/packaging/debian/orig.js'
import { run } from '../../../src/process/run.js'
import { fixtureEnv, git } from '../../support/git.js'
import { tempDir } from '../../support/tmp.js'
import { makeDebianRepo, type DebianFixture } from './fixtures.js'

const fixture: DebianFixture = {
  files: {
    README: 'hello\n',
    'src/main.c': 'int main(void) { return 0; }\n',
    '.github/workflows/ci.yml': 'on: push\n',
  },
  components: { pigeonhole: { README: 'sieve\n', 'src/sieve.c': 'int sieve;\n' } },
  extra: { '.github/workflows/sync.yml': 'on: schedule\n' },
}

async function listing(tarball: string): Promise<string[]> {
  return (await run('tar', ['-tzf', tarball])).stdout.split('\n').filter(Boolean).sort()
}

describe('makeOrigTarballs with git archive', () => {
  it('makes the main tarball under <source>-<uv>/ without debian/, .github/ and components, one per component', async () => {
    const { repo } = await makeDebianRepo(await tempDir(), fixture)
    const outDir = await tempDir()
    const result = await makeOrigTarballs({
      repo,
      source: 'hello',
      upstreamVersion: '1.0',
      outDir,
      mode: 'git-archive',
      components: ['pigeonhole'],
      upstreamRevision: 'HEAD', // the packaging commit: debian/ must be left out
    })
    expect(result).toEqual({
      method: 'git-archive',
      files: [join(outDir, 'hello_1.0.orig.tar.gz'), join(outDir, 'hello_1.0.orig-pigeonhole.tar.gz')],
    })
    expect(await listing(result.files[0] ?? '')).toEqual([
      'hello-1.0/',
      'hello-1.0/README',
      'hello-1.0/src/',
      'hello-1.0/src/main.c',
    ])
    expect(await listing(result.files[1] ?? '')).toEqual([
      'pigeonhole/',
      'pigeonhole/README',
      'pigeonhole/src/',
      'pigeonhole/src/sieve.c',
    ])
    // gzip -n: no file name or time in the gzip header.
    const header = (await readFile(result.files[0] ?? '')).subarray(0, 10)
    expect(header.readUInt32LE(4)).toBe(0)
    expect(header[3]! & 0x08).toBe(0)
  })

  it('is deterministic: same commit, same bytes, from any clone and at any time', async () => {
    const dir = await tempDir()
    const { repo } = await makeDebianRepo(dir, fixture)
    const bare = join(await tempDir(), 'clone.git')
    await git(dir, 'clone', '-q', '--bare', dir, bare)
    const options = {
      source: 'hello',
      upstreamVersion: '1.0',
      mode: 'auto' as const,
      components: ['pigeonhole'],
    }
    const a = await makeOrigTarballs({
      ...options,
      repo,
      outDir: await tempDir(),
      upstreamRevision: 'upstream/1.0',
    })
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const b = await makeOrigTarballs({
      ...options,
      repo: new GitRepo(bare),
      outDir: await tempDir(),
      upstreamRevision: 'upstream/1.0',
    })
    expect(a.method).toBe('git-archive') // auto without pristine-tar data
    for (const [i, file] of a.files.entries()) {
      expect(basename(b.files[i] ?? '')).toBe(basename(file))
      expect(await readFile(b.files[i] ?? '')).toEqual(await readFile(file))
    }
  })

  it('explains what is missing', async () => {
    const { repo } = await makeDebianRepo(await tempDir(), fixture)
    const base = { repo, source: 'hello', upstreamVersion: '1.0', outDir: await tempDir() }
    await expect(makeOrigTarballs({ ...base, mode: 'git-archive' })).rejects.toThrow(
      /no upstream revision given/,
    )
    await expect(makeOrigTarballs({ ...base, mode: 'auto', upstreamRevision: 'v9' })).rejects.toThrow(
      /upstream revision v9 is not a commit .*: fetch it first/,
    )
    await expect(
      makeOrigTarballs({
        ...base,
        mode: 'git-archive',
        upstreamRevision: 'HEAD',
        components: ['dovecot-pigeonhole'],
      }),
    ).rejects.toThrow(
      /orig component dovecot-pigeonhole: the upstream tree of HEAD has no directory dovecot-pigeonhole\//,
    )
    await expect(
      makeOrigTarballs({ ...base, mode: 'pristine-tar', upstreamRevision: 'HEAD' }),
    ).rejects.toThrow(/orig-source is pristine-tar, but the repository has no pristine-tar branch/)
    await expect(makeOrigTarballs({ ...base, mode: 'auto', upstreamVersion: '1:1.0' })).rejects.toThrow(
      /invalid upstream version/,
    )
  })
})

describe('makeOrigTarballs with pristine-tar', () => {
  let shared: Promise<{ dir: string; tarballs: string[] }> | undefined
  /** Read-only for the tests: made once. */
  const pristineFixture = (): Promise<{ dir: string; tarballs: string[] }> =>
    (shared ??= makePristineFixture())

  /** Upstream tarballs made by hand (not git archive: pristine-tar must record a real delta), committed with pristine-tar. */
  async function makePristineFixture(): Promise<{ dir: string; tarballs: string[] }> {
    const dir = await tempDir()
    await makeDebianRepo(dir, fixture)
    const staging = await tempDir()
    await run('git', [
      '--git-dir',
      join(dir, '.git'),
      'archive',
      '--format=tar',
      '--prefix=hello-1.0/',
      '-o',
      join(staging, 'up.tar'),
      'upstream/1.0',
    ])
    await run('tar', ['-xf', 'up.tar'], { cwd: staging })
    const tarballs = [
      join(staging, 'hello_1.0.orig.tar.xz'),
      join(staging, 'hello_1.0.orig-pigeonhole.tar.gz'),
    ]
    await run(
      'tar',
      ['-cJf', tarballs[0] ?? '', '--exclude=pigeonhole', '--exclude=.github', '--sort=name', 'hello-1.0'],
      {
        cwd: staging,
      },
    )
    await run('tar', ['-czf', tarballs[1] ?? '', '--sort=name', 'pigeonhole'], {
      cwd: join(staging, 'hello-1.0'),
    })
    // pristine-tar commit records the tree of the upstream ref; the main tarball's tree lacks the component.
    await git(dir, 'checkout', '-q', '-b', 'upstream-main', 'upstream/1.0')
    await git(dir, 'rm', '-q', '-r', 'pigeonhole', '.github')
    await git(dir, 'commit', '-q', '-m', 'main tarball tree')
    await run('pristine-tar', ['commit', tarballs[0] ?? '', 'upstream-main'], { cwd: dir, env: fixtureEnv })
    await git(dir, 'checkout', '-q', '-b', 'upstream-comp', 'upstream/1.0')
    await git(dir, 'rm', '-q', '-r', 'README', 'src', '.github')
    await git(dir, 'commit', '-q', '-m', 'component tree')
    await run('pristine-tar', ['commit', tarballs[1] ?? '', 'upstream-comp'], { cwd: dir, env: fixtureEnv })
    await git(dir, 'checkout', '-q', 'main')
    return { dir, tarballs }
  }

  it('regenerates the exact tarballs from a remote-tracking pristine-tar ref of a bare repository', async () => {
    const { dir, tarballs } = await pristineFixture()
    // The action's work repo: bare, upstream's branches under refs/remotes/upstream/.
    const work = join(await tempDir(), 'work.git')
    await git(dir, 'init', '-q', '--bare', work)
    await git(dir, 'push', '-q', work, 'refs/heads/*:refs/remotes/upstream/*', 'refs/tags/*:refs/tags/*')
    const repo = new GitRepo(work)
    const refsBefore = await repo.read(['for-each-ref'])

    const outDir = await tempDir()
    const result = await makeOrigTarballs({
      repo,
      source: 'hello',
      upstreamVersion: '1.0',
      outDir,
      mode: 'auto',
      components: ['pigeonhole'],
      pristineTarRef: 'refs/remotes/upstream/pristine-tar',
      upstreamRevision: 'upstream/1.0',
    })
    expect(result).toEqual({
      method: 'pristine-tar',
      files: [join(outDir, 'hello_1.0.orig.tar.xz'), join(outDir, 'hello_1.0.orig-pigeonhole.tar.gz')],
    })
    for (const [i, file] of result.files.entries())
      expect(await readFile(file)).toEqual(await readFile(tarballs[i] ?? ''))
    expect(await repo.read(['for-each-ref'])).toBe(refsBefore) // no pristine-tar branch created
  })

  it('falls back to git archive in auto mode when a tarball has no data, and refuses in pristine-tar mode', async () => {
    const { dir } = await pristineFixture()
    const repo = new GitRepo(join(dir, '.git'), dir)
    const base = {
      repo,
      source: 'hello',
      upstreamVersion: '1.0',
      outDir: await tempDir(),
      upstreamRevision: 'upstream/1.0',
    }
    const auto = await makeOrigTarballs({ ...base, mode: 'auto', components: ['pigeonhole', 'src'] })
    expect(auto.method).toBe('git-archive')
    await expect(makeOrigTarballs({ ...base, mode: 'pristine-tar', components: ['src'] })).rejects.toThrow(
      /pristine-tar has no data for hello_1\.0\.orig-src\.tar\.\* \(it has: .*hello_1\.0\.orig\.tar\.xz/,
    )
    // And when the upstream commit the data was made from is missing, pristine-tar's words come with a hint.
    const lonely = join(await tempDir(), 'lonely.git')
    await git(dir, 'init', '-q', '--bare', lonely)
    await git(dir, 'push', '-q', lonely, 'pristine-tar')
    await expect(
      makeOrigTarballs({ ...base, repo: new GitRepo(lonely), mode: 'pristine-tar', components: [] }),
    ).rejects.toThrow(/pristine-tar could not regenerate hello_1\.0\.orig\.tar\.xz \(is the upstream commit/)
  })
})
