// The demo's archive scene: a Debian archive suite as upstream. A local signed archive (reprepro, served
// over HTTP) gets a security upload; the action verifies it, imports it into the fork, rebases the fork's
// patch onto it, builds on the archive's own orig tarball and publishes to the demo's OBS server.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { run } from '../src/process/run.js'
import { cvePatch, hello } from '../test/archive/archive-scenario.js'
import { makeForkFromDsc } from '../test/support/archive-fork.js'
import { fastPatch } from '../test/support/debian-fixtures.js'
import { makeArchive } from '../test/support/debian-archive.js'
import { serveOnGitHub } from '../test/support/github-fork.js'
import type { ObsTestServer } from '../test/support/obs-server.js'

export interface ArchiveSceneContext {
  obs: ObsTestServer
  say(text: string): void
  runAction(
    title: string,
    inputs: Record<string, string>,
    env: Record<string, string>,
  ): Promise<Record<string, string>>
  /** Called with each server the scene starts, for the demo to stop at the end. */
  started(close: () => Promise<unknown>): void
}

const print = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

export async function archiveScene({ obs, say, runAction, started }: ArchiveSceneContext): Promise<void> {
  say('A Debian archive as upstream: a local signed archive (reprepro) with bookworm and bookworm-security')
  const archive = await makeArchive({ suites: [{ codename: 'bookworm' }, { codename: 'bookworm-security' }] })
  started(() => archive.close())
  const base = await hello.base()
  await archive.include('bookworm', base)
  print(`archive ${archive.url}, InRelease signed by ${archive.key.fingerprint}`)
  print('bookworm: hello 1.0-1; bookworm-security: empty')

  say('A fork made by hand from hello 1.0-1 (dpkg-source -x, tagged base), carrying one quilt patch')
  const fork = await makeForkFromDsc(base)
  await fork.commit('Say hello, fast (fast.patch)', {
    'debian/patches/fast.patch': fastPatch,
    'debian/patches/series': 'fast.patch\n',
  })
  const github = await serveOnGitHub(fork, 'ghs_demoArchive0123456789abcdefghi')
  started(() => github.close())
  const git = async (...args: string[]) => (await run('git', ['--git-dir', fork.bare, ...args])).stdout
  print(`fork "on GitHub": ${github.inputs['remote-url']}`)
  print(await git('log', '--oneline', '--decorate', 'main'))

  say('Debian publishes a security upload: hello 1.0-1+deb12u1 in bookworm-security (one CVE patch)')
  await archive.include('bookworm-security', await hello.security(1, { 'CVE-2026-0001.patch': cvePatch() }))
  const pool = join(archive.dir, 'pool/main/h/hello')

  const inputs = {
    ...github.inputs,
    'upstream-archive': archive.url,
    'upstream-suites': 'bookworm, bookworm-security',
    'archive-keyring': archive.key.armoredPublic,
    'downstream-base': 'base', // until the branch contains an import
    'version-suffix': '+chatmail{n}',
    'obs-url': obs.apiUrl,
    'obs-project': 'home:chatmail',
    'obs-package': 'hello',
    'obs-user': 'chatmail',
    'obs-password': 'demo-password',
    'obs-create': 'true',
  }
  const outputs = await runAction(
    'The next scheduled run: verify, import, rebase, build on the archive tarball, publish',
    inputs,
    github.env,
  )

  if (outputs.result !== 'published') throw new Error(`expected result published, got ${outputs.result}`)
  say('What landed')
  const importRef = `refs/tags/patch-carrier/${outputs['upstream-tag']}`
  const imported = (await git('rev-parse', importRef)).trim()
  const files = JSON.parse(outputs.files ?? '[]') as string[]
  const orig = files.find((file) => file.endsWith('.orig.tar.xz')) ?? ''
  const [built, archived] = await Promise.all([sha256(orig), sha256(join(pool, basename(orig)))])
  print(
    [
      `result        ${outputs.result}`,
      `import tag    ${outputs['upstream-tag']} (${importRef} → ${imported.slice(0, 12)})`,
      `version       ${outputs.version}`,
      `OBS revision  ${outputs['obs-revision']} of home:chatmail/hello`,
      `orig tarball  ${basename(orig)}: sha256 ${built.slice(0, 16)}…, the archive's ${archived.slice(0, 16)}…`,
    ].join('\n'),
  )
  if (built !== archived) throw new Error(`${basename(orig)} is not the archive's tarball`)
  say("The fork's branch: the import (author and date from its changelog entry), the patch on top")
  print(await git('log', '--format=%h %an %ad  %s', '--date=iso-strict', '-2', 'main'))
  say('The import tag and the seen refs (which source indices the import was made from)')
  print(
    await git(
      'for-each-ref',
      '--format=%(objectname:short) %(refname)',
      'refs/tags/patch-carrier/import',
      'refs/patch-carrier/seen',
    ),
  )
  say('The provenance in the OBS commit message, seen with osc:')
  print(`$ osc -A ${obs.apiUrl} log home:chatmail hello\n${await obs.osc(['log', 'home:chatmail', 'hello'])}`)

  archive.requests.length = 0
  const again = await runAction('The next day: neither suite changed', inputs, github.env)
  if (again.result !== 'up-to-date') throw new Error(`expected result up-to-date, got ${again.result}`)
  say('What the archive served to that run:')
  for (const request of archive.requests)
    print(`GET ${request.path} → ${request.status}, ${request.bytes} bytes`)
}
