// The main job on the embedded default: a local DEP-14 upstream and a fork carrying one patch,
// run through the bundled action (dist/index.js) exactly as a runner would.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../src/process/run.js'
import {
  addDownstreamPatch,
  linePatch,
  makeDebianUpstream,
  makeFork,
} from '../test/support/debian-fixtures.js'
import { parseOutputFile } from '../test/support/action.js'
import { removeTempDirs, tempDir } from '../test/support/tmp.js'
import { startObsServer, type ObsTestServer } from '../test/support/obs-server.js'

const say = (text: string) => process.stdout.write(`\n\u001b[1m▶ ${text}\u001b[0m\n`)

async function runAction(title: string, inputs: Record<string, string>): Promise<Record<string, string>> {
  say(title)
  const dir = await tempDir('pc-demo-run-')
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary.md')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const env = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  const result = await run('node', ['dist/index.js'], {
    okCodes: [0, 1],
    env: { ...env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir },
  })
  process.stdout.write(result.stdout.replace(/^::(end)?group::.*\n|^::add-mask::.*\n/gm, ''))
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  process.stdout.write(`\nJob summary:\n${await readFile(summaryFile, 'utf8')}\n`)
  process.stdout.write(`Outputs: ${JSON.stringify(outputs, null, 2)}\n`)
  if (result.code !== 0) throw new Error(`the action failed (exit ${result.code})`)
  return outputs
}

const mainC = (line: string) =>
  `#include <stdio.h>\nint main(void) {\n  notify_delay_ms(${line});\n  return 0;\n}\n`

let obs: ObsTestServer | undefined
try {
  say('Bundling the action (npm run package)')
  await run('node', ['scripts/package.mjs'])

  say('Making a local upstream in the DEP-14 layout (upstream/*, debian/* tags, pristine-tar) and a fork')
  const upstream = await makeDebianUpstream({ source: 'dovecot-demo' })
  await upstream.release({ version: '1:2.3.21-1', source: { 'src/idle.c': mainC('500') }, pristineTar: true })
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
  say('Starting a private OBS backend source server (the real bs_srcserver) on 127.0.0.1')
  obs = await startObsServer()
  await obs.createProject('home:chatmail')
  process.stdout.write(`OBS API: ${obs.apiUrl}\n`)
  const common = {
    'remote-url': fork.url,
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

  await runAction('A scheduled run with nothing new upstream', common)

  say('Upstream publishes a security release: debian/1%2.3.21-2')
  await upstream.release({ version: '1:2.3.21-2', source: { 'src/idle.c': mainC('500') }, pristineTar: true })
  const out = await tempDir('pc-demo-out-')
  const updated = await runAction('The next scheduled run', { ...common, 'output-dir': out })
  say(`The fork's branch now sits on the new tag, with the patch carried:`)
  process.stdout.write(
    (await run('git', ['--git-dir', fork.bare, 'log', '--oneline', '--decorate', '-3', 'main'])).stdout,
  )
  process.stdout.write(`Source package files: ${updated.files}\n`)
  say('What OBS holds now (the real osc client):')
  for (const args of [
    ['ls', '-l', 'home:chatmail', 'dovecot-demo'],
    ['log', 'home:chatmail', 'dovecot-demo'],
  ]) {
    process.stdout.write(`$ osc -A ${obs.apiUrl} ${args.join(' ')}\n${await obs.osc(args)}\n`)
  }
  await runAction('The same run again: nothing to do, nothing uploaded', common)
} finally {
  await obs?.stop()
  await removeTempDirs()
}
