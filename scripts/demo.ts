// The main job on the embedded default, run through the bundled action (dist/index.js) exactly as a runner
// would: a local DEP-14 upstream, a fork carrying one patch served "on GitHub" (real git smart HTTP that
// demands the token, and a REST stand-in checked against GitHub's OpenAPI description), and the real OBS
// backend source server. An update lands on OBS; then an upstream change conflicts and opens a pull request.
// Last, a Debian archive suite as upstream (scripts/demo-archive.ts): a security upload lands on OBS.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../src/process/run.js'
import { plainText } from '../src/report/plain-text.js'
import {
  addDownstreamPatch,
  linePatch,
  makeDebianUpstream,
  makeFork,
} from '../test/support/debian-fixtures.js'
import { parseOutputFile } from '../test/support/action.js'
import { serveOnGitHub, type GitHubFork } from '../test/support/github-fork.js'
import { removeTempDirs, tempDir } from '../test/support/tmp.js'
import { startObsServer, type ObsTestServer } from '../test/support/obs-server.js'
import { archiveScene } from './demo-archive.js'

const started = Date.now()
const bold = (text: string) => `\u001b[1m${text}\u001b[0m`
const say = (text: string) => process.stdout.write(`\n${bold(`▶ ${text}`)}\n`)

async function runAction(
  title: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
): Promise<Record<string, string>> {
  say(title)
  const dir = await tempDir('pc-demo-run-')
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary.md')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  const result = await run('node', ['dist/index.js'], {
    okCodes: [0, 1],
    env: {
      ...inputEnv,
      ...env,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: dir,
    },
  })
  // the runner's protocol lines, shown the way the Actions log shows them
  process.stdout.write(
    result.stdout
      .replace(/^::add-mask::.*\n/gm, '')
      .replace(/^::group::(.*)$/gm, '▸ $1')
      .replace(/^::endgroup::\n/gm, '')
      .replace(
        /^::(warning|error)[^:]*::(.*)$/gm,
        (_line, kind: string, message: string) =>
          `${kind}: ${message.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')}`,
      ),
  )
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  process.stdout.write(`\n${bold('Job summary:')}\n${plainText(await readFile(summaryFile, 'utf8'))}\n`)
  const shown = Object.entries(outputs).filter(([name, value]) => value !== '' && name !== 'files')
  process.stdout.write(`${bold('Outputs:')} ${shown.map(([name, value]) => `${name}=${value}`).join('  ')}\n`)
  if (result.code !== 0) throw new Error(`the action failed (exit ${result.code})`)
  return outputs
}

const idleC = (delay: string) =>
  `#include <stdio.h>\nint main(void) {\n  notify_delay_ms(${delay});\n  return 0;\n}\n`

let obs: ObsTestServer | undefined
let github: GitHubFork | undefined
const servers: (() => Promise<unknown>)[] = []
const stop = async (): Promise<void> => {
  await Promise.allSettled([obs?.stop(), github?.close(), ...servers.map((close) => close())])
  await removeTempDirs()
}
// Ctrl-C stops the servers: mid-demo it ends the demo, with DEMO_KEEP it ends the wait at the end.
let keeping = false
const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()))
void interrupted.then(async () => {
  if (keeping) return
  await stop()
  process.exit(130)
})
try {
  say('Bundling the action (npm run package)')
  await run('node', ['scripts/package.mjs'])

  say('A local upstream in the DEP-14 layout (upstream/*, debian/* tags, pristine-tar) and a fork of it')
  const upstream = await makeDebianUpstream({ source: 'dovecot-demo' })
  await upstream.release({ version: '1:2.3.21-1', source: { 'src/idle.c': idleC('500') }, pristineTar: true })
  const fork = await makeFork(upstream.url, 'debian/1%2.3.21-1')
  await addDownstreamPatch(
    fork,
    'remove-idle-debounce.patch',
    linePatch(
      'src/idle.c',
      ['#include <stdio.h>', 'int main(void) {'],
      '  notify_delay_ms(500);',
      '  notify_delay_ms(0);',
      ['  return 0;', '}'],
    ),
    'Remove the 500 ms IMAP IDLE debounce',
  )
  github = await serveOnGitHub(fork, 'ghs_demoToken0123456789abcdefghij')
  process.stdout.write(
    `fork "on GitHub": git ${github.inputs['remote-url']} (smart HTTP, token required), REST API ${github.api.url}\n`,
  )
  say('A private OBS backend source server (the real bs_srcserver) on 127.0.0.1')
  obs = await startObsServer()
  await obs.createProject('home:chatmail')
  process.stdout.write(`OBS API: ${obs.apiUrl}\n`)
  const inputs = {
    ...github.inputs,
    'upstream-url': upstream.url,
    'upstream-tags': 'debian/*',
    'version-suffix': '+chatmail{n}',
    'obs-url': obs.apiUrl,
    'obs-project': 'home:chatmail',
    'obs-package': 'dovecot-demo',
    'obs-user': 'chatmail',
    'obs-password': 'demo-password',
    'obs-create': 'true',
  }
  const env = github.env

  await runAction('A scheduled run with nothing new upstream: refs only, nothing downloaded', inputs, env)

  say('Upstream publishes a security release: debian/1%2.3.21-2')
  await upstream.release({ version: '1:2.3.21-2', source: { 'src/idle.c': idleC('500') }, pristineTar: true })
  await runAction('The next scheduled run: rebase, build, publish to OBS, push', inputs, env)
  say(`The fork's branch now sits on the new tag, with the patch carried:`)
  process.stdout.write(
    (await run('git', ['--git-dir', fork.bare, 'log', '--oneline', '--decorate', '-3', 'main'])).stdout,
  )
  say('What OBS holds now, seen with the real osc client:')
  for (const args of [
    ['ls', '-l', 'home:chatmail', 'dovecot-demo'],
    ['log', 'home:chatmail', 'dovecot-demo'],
  ]) {
    process.stdout.write(`$ osc -A ${obs.apiUrl} ${args.join(' ')}\n${await obs.osc(args)}\n`)
  }
  await runAction('The same run again: nothing to do, nothing uploaded', inputs, env)

  say('Upstream 2.3.22 changes the very line the fork patches (the debounce becomes 250 ms)')
  await upstream.release({ version: '1:2.3.22-1', source: { 'src/idle.c': idleC('250') }, pristineTar: true })
  const conflict = await runAction('The next scheduled run: the patch no longer applies', inputs, env)
  const pull = github.api
    .pulls()
    .find((candidate) => String(candidate.number) === conflict['pull-request-number'])
  if (!pull) throw new Error('no pull request was opened')
  say(`Pull request #${pull.number} on the fork: ${pull.title}`)
  process.stdout.write(`${pull.html_url}\n${pull.head.ref} → ${pull.base.ref}\n\n${pull.body ?? ''}\n`)
  say('The fork now has the two pull request branches; main is untouched:')
  process.stdout.write((await run('git', ['--git-dir', fork.bare, 'branch', '-v', '--no-abbrev'])).stdout)
  const dsc = 'dovecot-demo_2.3.21-2+chatmail1.dsc'
  say('The source package on OBS, as osc shows it:')
  process.stdout.write(
    `$ osc -A ${obs.apiUrl} cat home:chatmail dovecot-demo ${dsc}\n` +
      (await obs.osc(['cat', 'home:chatmail', 'dovecot-demo', dsc])),
  )

  await archiveScene({ obs, say, runAction, started: (close) => servers.push(close) })

  const oscrc = join(obs.dir, 'oscrc') // written by the osc calls above: apiurl, allow_http, no request checks
  say('osc commands to look at the result')
  for (const command of [
    'ls -l home:chatmail dovecot-demo',
    'log home:chatmail dovecot-demo',
    `cat home:chatmail dovecot-demo ${dsc}`,
    'checkout home:chatmail dovecot-demo',
    'log home:chatmail hello',
  ]) {
    process.stdout.write(`  osc -c ${oscrc} ${command}\n`)
  }
  const took = ((Date.now() - started) / 1000).toFixed(1)
  if (process.env.DEMO_KEEP) {
    say(
      `Demo done in ${took} s. The servers keep running (DEMO_KEEP): try the commands above; Ctrl-C stops them`,
    )
    keeping = true
    await interrupted
  }
  say(`Demo done in ${took} s; stopping the OBS server, git server and stand-in (DEMO_KEEP=1 keeps them)`)
} finally {
  await stop()
}
