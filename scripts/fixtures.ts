// Fixture repositories for the CI workflow that runs this action with `uses: ./`: two Debian forks (bare
// repositories over file://) behind their upstreams, one whose update applies cleanly and one whose quilt
// patch no longer applies, and a config file listing both. Writes their locations as step outputs.
import { appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  addDownstreamPatch,
  fastPatch,
  helloMainC as mainC,
  makeDebianUpstream,
  makeFork,
} from '../test/support/debian-fixtures.js'
import { tempDir } from '../test/support/tmp.js'

/** A fork of `source` 1.0-1 carrying fast.patch; upstream then releases 1.1-1. */
async function forkBehind(source: string, conflicting: boolean) {
  const upstream = await makeDebianUpstream({ source })
  await upstream.release({ version: '1.0-1', source: { 'main.c': mainC('hello') }, pristineTar: true })
  const fork = await makeFork(upstream.url, 'debian/1.0-1')
  await addDownstreamPatch(fork, 'fast.patch', fastPatch)
  // a changed context line makes fast.patch need fuzz: a conflict
  const signature = conflicting ? 'int main(int argc, char **argv) {' : undefined
  await upstream.release({
    version: '1.1-1',
    source: { 'main.c': mainC('hello', signature) },
    pristineTar: true,
  })
  return { upstreamUrl: upstream.url, remoteUrl: fork.url, bare: fork.bare, head: await fork.head() }
}

const [clean, conflict] = await Promise.all([forkBehind('hello', false), forkBehind('world', true)])
const config = join(await tempDir('pc-fixtures-'), 'patch-carrier.yml')
await writeFile(
  config,
  [
    'defaults:',
    '  upstream-tags: debian/*',
    '  version-suffix: +ci{n}',
    'packages:',
    '  hello:',
    `    remote-url: ${clean.remoteUrl}`,
    `    upstream-url: ${clean.upstreamUrl}`,
    '  world:',
    `    remote-url: ${conflict.remoteUrl}`,
    `    upstream-url: ${conflict.upstreamUrl}`,
    '',
  ].join('\n'),
)
const outputs = {
  config,
  'clean-upstream-url': clean.upstreamUrl,
  'clean-remote-url': clean.remoteUrl,
  'clean-git-dir': clean.bare,
  'clean-head': clean.head,
  'conflict-git-dir': conflict.bare,
  'conflict-head': conflict.head,
}
const lines = Object.entries(outputs).map(([name, value]) => `${name}=${value}\n`)
if (process.env.GITHUB_OUTPUT) await appendFile(process.env.GITHUB_OUTPUT, lines.join(''))
process.stdout.write(lines.join(''))
