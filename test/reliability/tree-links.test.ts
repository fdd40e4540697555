import { readdir, readFile, writeFile, mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveInTree } from '../../src/git/tree-links.js'
import { run } from '../../src/process/run.js'
import { runAction, type ActionRun } from '../support/action.js'
import { linePatch } from '../support/debian-fixtures.js'
import { serveOnGitHub } from '../support/github-fork.js'
import { debianDir, makePlainUpstream, type PlainUpstream } from '../support/plain-fixtures.js'
import {
  makeRunnerHome,
  packageText,
  releaseWithLinks,
  unpackDsc,
  type RunnerHome,
} from '../support/reliability-links.js'
import { startRecorder, type Recorder } from '../support/reliability-recorder.js'
import { forkWith } from '../support/reliability-trees.js'
import { tempDir } from '../support/tmp.js'

/**
 * Symbolic links in the fork's or upstream's tree, aimed at the runner's home: the bundled action reads
 * and writes nothing outside its own directories, shows nothing of what is there, and fails naming the
 * link where the tree must be read; links within the tree are followed.
 */

let upstream: PlainUpstream
let home: RunnerHome
let obs: Recorder
beforeAll(async () => {
  upstream = await makePlainUpstream()
  await upstream.release(['v1.0'], { 'src/app.c': 'int v = 10;\n', README: 'app\n' })
  await upstream.release(['v1.1'], { 'src/app.c': 'int v = 11;\n', README: 'app\n' })
  home = await makeRunnerHome()
  obs = await startRecorder()
})
afterAll(async () => obs?.close())

const packaging = (extra: Record<string, string> = {}) => debianDir('app', '1.0-1', extra)
const readmePatch = linePatch('README', [], 'app', 'app, fast', [])
const spec = (extra = '') =>
  `Name: app\nVersion: 1.0\nRelease: 1\nSummary: app\nLicense: MIT\nSource0: app-%{version}.tar.gz\n${extra}` +
  `\n%description\napp\n\n%prep\n%autosetup -p1\n\n%files\n\n%changelog\n* Thu Jan 01 2026 A <a@b.org> - 1.0-1\n- x\n`

/** The bundled action on the fork, with the runner's HOME, output to a fresh directory. */
async function sync(fork: { url: string }, inputs: Record<string, string> = {}) {
  const outputDir = await tempDir('pc-out-')
  const result = await runAction(
    {
      'remote-url': fork.url,
      'upstream-url': upstream.url,
      'upstream-tags': 'v*',
      'output-dir': outputDir,
      'work-dir': await tempDir('pc-work-'),
      ...inputs,
    },
    { HOME: home.dir },
  )
  return { ...result, outputDir }
}

const failure = (run: ActionRun) => /^::error::(.*)$/m.exec(run.stdout)?.[1] ?? ''

type Refused = [label: string, files: () => Record<string, string>, error: RegExp]

const refused: Refused[] = [
  [
    "debian/changelog → the runner's ~/.netrc",
    () => packaging({ 'debian/changelog': `symlink:${home.netrc}` }),
    /^debian\/changelog is a symbolic link to ".*\/\.netrc", an absolute path outside the tree/,
  ],
  [
    'debian/patches/series → ~/.netrc',
    () => packaging({ 'debian/patches/series': `symlink:${home.netrc}` }),
    /^debian\/patches\/series is a symbolic link to ".*\/\.netrc"/,
  ],
  [
    'debian/patches → a directory in the runner home (the build would write there)',
    () => ({
      ...packaging(),
      'src/fork.c': 'int fork;\n',
      'debian/patches': `symlink:${home.dir}/patches`,
    }),
    /^debian\/patches is a symbolic link to ".*\/patches", an absolute path outside the tree/,
  ],
  [
    'debian/control → ~/.netrc (dpkg-source reads it)',
    () => packaging({ 'debian/control': `symlink:${home.netrc}` }),
    /^debian\/control is a symbolic link .*dpkg-source would follow it/,
  ],
  [
    'debian/source/options → ~/.netrc (dpkg-source takes options from it)',
    () => packaging({ 'debian/source/options': `symlink:${home.netrc}` }),
    /^debian\/source\/options is a symbolic link/,
  ],
  [
    'a quilt patch → a patch in the runner home',
    () => ({
      ...packaging({ 'debian/patches/series': 'home.patch\n' }),
      'debian/patches/home.patch': `symlink:${home.dir}/patches/home.patch`,
    }),
    /^debian\/patches\/home\.patch is a symbolic link/,
  ],
  [
    'debian/copyright → ../NOTICE → ~/.netrc (a chain through an upstream file)',
    () => ({ ...packaging(), NOTICE: `symlink:${home.netrc}`, 'debian/copyright': 'symlink:../NOTICE' }),
    /^NOTICE is a symbolic link to ".*\/\.netrc".*dpkg-source -x refuses/,
  ],
  [
    'debian/ itself → a directory outside, through ../',
    () => ({ debian: 'symlink:../../../../../../../../..' + home.dir }),
    /^debian is a symbolic link to "(\.\.\/)+.*", which leads outside the tree/,
  ],
  [
    'the spec → ~/.netrc',
    () => ({ 'app.spec': `symlink:${home.netrc}` }),
    /^app\.spec is a symbolic link to ".*\/\.netrc"/,
  ],
  [
    'a source the spec names → ~/.netrc',
    () => ({ 'app.spec': spec('Source1: netrc\n'), netrc: `symlink:${home.netrc}` }),
    /^netrc is a symbolic link to ".*\/\.netrc"/,
  ],
]

describe('symbolic links in the tree never lead outside', () => {
  it.each(refused)('refuses %s, naming it', async (_label, files, error) => {
    const fork = await forkWith(upstream, 'v1.0', { files: files() })
    const before = { refs: await fork.refs(), home: await home.snapshot(), requests: obs.requests.length }
    const result = await sync(fork, {
      'obs-url': obs.url,
      'obs-project': 'home:x',
      'obs-package': 'app',
      'obs-user': 'u',
      'obs-password': 'p',
    })
    expect(result.code).toBe(1)
    expect(failure(result)).toMatch(error)
    expect(result.everything).not.toContain(home.secret)
    expect(await packageText(result.outputDir)).not.toContain(home.secret)
    expect(await fork.refs()).toEqual(before.refs)
    expect(await home.snapshot()).toEqual(before.home)
    expect(obs.requests.length).toBe(before.requests)
  })

  it('fails a build whose package dpkg-source -x would refuse (a debian/ link outside the source root)', async () => {
    // what dpkg-source does with such a package when nothing stops it: -b builds it, -x refuses it
    const dir = await tempDir('pc-refused-')
    await mkdir(join(dir, 'app-1.0', 'debian', 'source'), { recursive: true })
    await writeFile(join(dir, 'app-1.0', 'README'), 'app\n')
    await run('tar', ['-czf', 'app_1.0.orig.tar.gz', 'app-1.0'], { cwd: dir })
    for (const [path, text] of Object.entries(packaging())) await writeFile(join(dir, 'app-1.0', path), text)
    await symlink('/etc/passwd', join(dir, 'app-1.0', 'debian', 'copyright'))
    await run('dpkg-source', ['-b', 'app-1.0'], { cwd: dir, env: { LC_ALL: 'C' } })
    const unpacked = await unpackDsc(join(dir, 'app_1.0-1.dsc'))
    expect(unpacked.code).not.toBe(0)
    expect(unpacked.output).toMatch(/points outside source root/)

    const fork = await forkWith(upstream, 'v1.0', {
      files: { ...packaging(), 'debian/copyright': 'symlink:/etc/passwd' },
    })
    const result = await sync(fork)
    expect(result.code).toBe(1)
    expect(failure(result)).toMatch(
      /^debian\/copyright is a symbolic link to "\/etc\/passwd".*dpkg-source -x refuses/,
    )
    expect(result.outputs.result).toBeUndefined()
    expect((await readdir(result.outputDir)).filter((name) => name.endsWith('.dsc'))).toEqual([])
  })

  it('follows links within the tree: the package unpacks and holds what they lead to', async () => {
    const fork = await forkWith(upstream, 'v1.0', {
      files: {
        ...packaging({
          'debian/changelog.real': packaging()['debian/changelog']!,
          'debian/readme.diff': readmePatch,
        }),
        'debian/changelog': 'symlink:changelog.real',
        'debian/patches/series': 'readme.patch\n',
        'debian/patches/readme.patch': 'symlink:../readme.diff',
      },
    })
    const result = await sync(fork)
    expect(result.code).toBe(0)
    expect(result.outputs.result).toBe('updated')
    const dsc = (JSON.parse(result.outputs.files!) as string[]).find((file) => file.endsWith('.dsc'))!
    const unpacked = await unpackDsc(dsc)
    expect(unpacked.code).toBe(0)
    expect(await readFile(join(unpacked.dir, 'README'), 'utf8')).toBe('app, fast\n')
    expect(await readFile(join(unpacked.dir, 'debian', 'changelog'), 'utf8')).toMatch(
      /^app \(1\.1-1\+carrier1\)/,
    )
  })

  it("leaves quilt's state (.pc) of an upstream tree out: nothing is written where it leads", async () => {
    const pcUpstream = await makePlainUpstream()
    await pcUpstream.release(['v1.0'], { README: 'app\n' })
    await releaseWithLinks(pcUpstream, ['v1.1'], { README: 'app\n', '.pc': `symlink:${home.dir}/pc` })
    const fork = await forkWith(pcUpstream, 'v1.0', {
      files: packaging({
        'debian/patches/series': 'readme.patch\n',
        'debian/patches/readme.patch': readmePatch,
      }),
    })
    const before = await home.snapshot()
    const result = await sync(fork, { 'upstream-url': pcUpstream.url })
    expect(result.code).toBe(0)
    expect(result.outputs.result).toBe('updated')
    expect(await home.snapshot()).toEqual(before)
    const dsc = (JSON.parse(result.outputs.files!) as string[]).find((file) => file.endsWith('.dsc'))!
    expect((await unpackDsc(dsc)).code).toBe(0)
  })

  it('resolves no series conflict through a link upstream made: the file it leads to stays as it was', async () => {
    const linked = await makePlainUpstream()
    const upPatch = linePatch('README', [], 'app', 'app, up', [])
    await linked.release(['v1.0'], {
      README: 'app\n',
      ...packaging({ 'debian/patches/series': 'up.patch\n', 'debian/patches/up.patch': upPatch }),
    })
    const target = join(home.dir, 'series-target')
    await writeFile(target, 'kept\n')
    await releaseWithLinks(linked, ['v1.1'], { 'debian/patches/series': `symlink:${target}` })
    const fork = await forkWith(linked, 'v1.0', {
      files: { 'debian/patches/series': 'up.patch\nmine.patch\n', 'debian/patches/mine.patch': upPatch },
    })
    const before = await home.snapshot()
    const result = await sync(fork, { 'upstream-url': linked.url })
    expect(result.outputs.result).toBe('conflict')
    expect(await home.snapshot()).toEqual(before)
  })

  it('quotes nothing of a file a conflicting link leads to, in the summary or the pull request', async () => {
    const linked = await makePlainUpstream()
    await releaseWithLinks(linked, ['v1.0'], { 'a.conf': 'a\n', 'b.conf': 'b\n', conf: 'symlink:a.conf' })
    // a half-merged file in the runner's home: conflict markers around the secret
    const notes = join(home.dir, 'notes.txt')
    await writeFile(notes, `<<<<<<< ours\n${home.secret}\n=======\nx\n>>>>>>> theirs\n`)
    await releaseWithLinks(linked, ['v1.1'], { conf: `symlink:${notes}` })
    const fork = await forkWith(linked, 'v1.0', { files: { conf: 'symlink:b.conf' } })
    const github = await serveOnGitHub(fork)
    try {
      const result = await runAction(
        {
          ...github.inputs,
          'upstream-url': linked.url,
          'upstream-tags': 'v*',
          'output-dir': await tempDir('pc-out-'),
          'work-dir': await tempDir('pc-work-'),
        },
        { ...github.env, HOME: home.dir },
      )
      expect(result.outputs.result).toBe('conflict')
      expect(result.summary).toContain('conf')
      expect(result.everything).not.toContain(home.secret)
      const pulls = github.api.pulls()
      expect(pulls.length).toBe(1)
      expect(JSON.stringify(pulls)).not.toContain(home.secret)
    } finally {
      await github.close()
    }
  })
})

describe('resolving a path within a tree', () => {
  const tree = (links: Record<string, string>) => ({ linkTarget: async (path: string) => links[path] })

  it('follows links as the kernel does: a `..` after a link goes up from where the link leads', async () => {
    // lexically a/q/../.. is the root; really a/q is the root, and its `..` is outside
    const links = tree({ 'a/q': '..', p: 'a/q/../..' })
    await expect(resolveInTree(links, 'a/q')).resolves.toBe('')
    await expect(resolveInTree(links, 'p/etc/passwd')).rejects.toThrow(
      /^p is a symbolic link to "a\/q\/\.\.\/\.\.", which leads outside/,
    )
    await expect(resolveInTree(tree({ 'debian/changelog': '../NEWS' }), 'debian/changelog')).resolves.toBe(
      'NEWS',
    )
  })

  it('refuses absolute targets and loops, and names the link with its target shown safely', async () => {
    await expect(resolveInTree(tree({ x: '/etc' }), 'x/passwd')).rejects.toThrow(
      /^x is a symbolic link to "\/etc", an absolute path/,
    )
    await expect(resolveInTree(tree({ a: 'b', b: 'a' }), 'a')).rejects.toThrow(/a loop of links/)
    await expect(resolveInTree(tree({ l: '/x\n::error::forged' }), 'l')).rejects.toThrow(
      /"\/x\\x0a::error::forged"/,
    )
  })
})
