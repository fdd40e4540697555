import { describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runAction } from '../support/action.js'
import {
  addDownstreamPatch,
  changelogEntry,
  linePatch,
  makeDebianUpstream,
  makeFork,
  type DebianUpstream,
  type Fork,
  fastPatch,
  helloMainC as mainC,
} from '../support/debian-fixtures.js'
import { git } from '../support/git.js'
import { tempDir } from '../support/tmp.js'
import { run } from '../../src/process/run.js'

async function setup(): Promise<{ upstream: DebianUpstream; fork: Fork }> {
  const upstream = await makeDebianUpstream({ source: 'hello' })
  await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') } })
  const fork = await makeFork(upstream.url, 'debian/1.0-1')
  await addDownstreamPatch(fork, 'fast.patch', fastPatch)
  return { upstream, fork }
}

async function sync(upstream: DebianUpstream, fork: Fork, inputs: Record<string, string> = {}) {
  return runAction({
    'remote-url': fork.url,
    'upstream-url': upstream.url,
    'upstream-tags': 'debian/*',
    'output-dir': await tempDir('pc-out-'),
    ...inputs,
  })
}

async function extract(files: string[]): Promise<string> {
  const dir = join(await tempDir('pc-x-'), 'src')
  await run('dpkg-source', ['-x', files.find((f) => f.endsWith('.dsc'))!, dir], { env: { LC_ALL: 'C' } })
  return dir
}

const upstreamPatch = linePatch('README', [], 'hello', 'hello (patched by Debian)', [])

describe('Debian-aware rebase', () => {
  it('merges series when both sides appended: upstream first, downstream after', async () => {
    const { upstream, fork } = await setup()
    await upstream.release({
      version: '1.1-1',
      source: { 'main.c': mainC('hello'), README: 'hello\n' },
      patches: { 'debian-fix.patch': upstreamPatch },
    })
    const result = await sync(upstream, fork)
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.result).toBe('updated')
    expect(await git(fork.bare, 'show', 'refs/heads/main:debian/patches/series')).toBe(
      'debian-fix.patch\nfast.patch',
    )
    const tree = await extract(JSON.parse(result.outputs.files!))
    expect(await readFile(join(tree, 'main.c'), 'utf8')).toContain('hello, fast')
    expect(await readFile(join(tree, 'README'), 'utf8')).toContain('patched by Debian')
  })

  it('merges changelog entries added on both sides like dpkg-mergechangelogs', async () => {
    const { upstream, fork } = await setup()
    const base = await readFile(join(fork.work, 'debian/changelog'), 'utf8')
    await fork.commit('Local changelog entry', {
      'debian/changelog':
        changelogEntry('hello', '1.0-1local1', 'Local build.', 'Fri, 02 Jan 2026 00:00:00 +0000') + base,
    })
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
    const result = await sync(upstream, fork)
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.result).toBe('updated')
    const changelog = await git(fork.bare, 'show', 'refs/heads/main:debian/changelog')
    const versions = [...changelog.matchAll(/^hello \(([^)]+)\)/gm)].map((m) => m[1])
    expect(versions).toEqual(['1.1-1', '1.0-1local1', '1.0-1'])
    expect(changelog).not.toContain('<<<<<<<')
  })

  it('makes the orig tarball again when the rebased head names another package than the one made early', async () => {
    const { upstream, fork } = await setup()
    // the fork's newest entry names another source package; the merged changelog's newest is upstream's
    const base = await readFile(join(fork.work, 'debian/changelog'), 'utf8')
    await fork.commit('Fork entry', {
      'debian/changelog':
        changelogEntry('hello-fork', '1.0-1fork1', 'Fork build.', 'Fri, 02 Jan 2026 00:00:00 +0000') + base,
    })
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') }, pristineTar: true })
    const result = await sync(upstream, fork)
    expect(result.code, result.stdout).toBe(0)
    const files = (JSON.parse(result.outputs.files!) as string[]).map((path) => path.split('/').pop())
    expect(files).toContain('hello_1.1.orig.tar.gz')
    expect(result.summary).toContain('orig tarballs from pristine-tar')
    expect(result.summary).not.toContain('made alongside the rebase')
  })

  it('drops a downstream patch upstream already contains, and reports it', async () => {
    const { upstream, fork } = await setup()
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello, fast') } })
    const result = await sync(upstream, fork)
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.result).toBe('updated')
    const head = result.outputs.commit!
    expect(await git(fork.bare, 'ls-tree', '--name-only', `${head}:debian/patches`)).not.toContain(
      'fast.patch',
    )
    expect(await git(fork.bare, 'show', `${head}:debian/patches/series`)).toBe('')
    expect(result.summary).toContain('Dropped: already upstream')
    expect(result.summary).toContain('fast.patch')
  })

  it('drops a downstream commit whose change upstream already made', async () => {
    const { upstream, fork } = await setup()
    const tweak = (text: string) =>
      text.replace('Description: test package', 'Description: test package, tweaked')
    await fork.commit('Tweak description', {
      'debian/control': tweak(await readFile(join(fork.work, 'debian/control'), 'utf8')),
    })
    await upstream.packagingRelease('debian/1.0-2', { 'debian/control': tweak })
    const result = await sync(upstream, fork)
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.result).toBe('updated')
    expect(result.outputs['upstream-tag']).toBe('debian/1.0-2')
    const tagCommit = await git(upstream.bare, 'rev-parse', 'refs/tags/debian/1.0-2^{commit}')
    const carried = await git(fork.bare, 'log', '--format=%s', `${tagCommit}..refs/heads/main`)
    expect(carried).toBe('Add fast.patch')
    expect(result.summary).toMatch(/Dropped: already upstream \(1\)[\s\S]*Tweak description/)
  })

  it('reports a genuine conflict as a value: result conflict, exit 0; conflict: fail exits 1; nothing pushed', async () => {
    const { upstream, fork } = await setup()
    const reword = (to: string) => (text: string) =>
      text.replace('Description: test package', `Description: ${to}`)
    await fork.commit('Downstream description', {
      'debian/control': reword('downstream flavour')(
        await readFile(join(fork.work, 'debian/control'), 'utf8'),
      ),
    })
    await upstream.packagingRelease('debian/1.0-2', { 'debian/control': reword('upstream wording') })
    const refsBefore = await fork.refs()

    const result = await sync(upstream, fork)
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('conflict')
    expect(result.outputs['upstream-tag']).toBe('debian/1.0-2')
    expect(result.summary).toContain('Downstream description')
    expect(result.summary).toContain('debian/control')
    expect(result.summary).toMatch(/<<<<<<< [\s\S]*upstream wording[\s\S]*downstream flavour[\s\S]*>>>>>>> /)
    expect(result.stdout).toMatch(/::warning .*file=debian\/control/)
    expect(await fork.refs()).toEqual(refsBefore)

    const failing = await sync(upstream, fork, { conflict: 'fail' })
    expect(failing.code).toBe(1)
    expect(failing.outputs.result).toBe('conflict')
    expect(await fork.refs()).toEqual(refsBefore)
  })

  it('treats a quilt patch that now needs fuzz as a conflict, not a broken build', async () => {
    const { upstream, fork } = await setup()
    const refsBefore = await fork.refs()
    // upstream changes a context line right next to the patched line: the patch only applies with fuzz
    await upstream.release({
      version: '1.1-1',
      source: {
        'main.c': '#include <stdio.h>\nint main(int argc, char **argv) {\n  puts("hello");\n  return 0;\n}\n',
      },
    })
    const result = await sync(upstream, fork)
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('conflict')
    expect(result.summary).toContain('fast.patch')
    expect(result.summary).toContain('fuzz 0')
    expect(await fork.refs()).toEqual(refsBefore)
  })

  it('keeps a .github/ directory of the fork out of the source package', async () => {
    const { upstream, fork } = await setup()
    await fork.commit('Add workflow', { '.github/workflows/carrier.yml': 'on: schedule\n' })
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
    const result = await sync(upstream, fork)
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('updated')
    const tree = await extract(JSON.parse(result.outputs.files!))
    await expect(readFile(join(tree, '.github/workflows/carrier.yml'), 'utf8')).rejects.toThrow()
  })

  it('dry-run builds into output-dir, prints the plan and pushes nothing', async () => {
    const { upstream, fork } = await setup()
    await upstream.release({ version: '1.1-1', source: { 'main.c': mainC('hello') } })
    const refsBefore = await fork.refs()
    const result = await sync(upstream, fork, { 'dry-run': 'true' })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.result).toBe('planned')
    expect(JSON.parse(result.outputs.files!)).toHaveLength(3)
    expect(result.summary).toContain('refs/heads/main')
    expect(await fork.refs()).toEqual(refsBefore)
  })
})
