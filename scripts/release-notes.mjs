// Prints the CHANGELOG.md entry of one version (the release notes): `node scripts/release-notes.mjs 1.0.0`.
// Fails when CHANGELOG.md has no entry for it, or an empty one, so a release never goes out without notes.
import { readFileSync } from 'node:fs'

const version = (process.argv[2] ?? '').replace(/^v/, '')
if (!/^\d+\.\d+\.\d+$/.test(version)) {
  console.error('usage: node scripts/release-notes.mjs X.Y.Z')
  process.exit(2)
}
const lines = readFileSync(process.argv[3] ?? 'CHANGELOG.md', 'utf8').split('\n')
const start = lines.findIndex((line) => line.startsWith(`## [${version}]`))
const end = lines.findIndex((line, index) => index > start && line.startsWith('## '))
// the link definitions at the bottom of the file belong to no entry
const body = lines
  .slice(start + 1, end < 0 ? lines.length : end)
  .filter((line) => !/^\[[^\]]+\]: /.test(line))
  .join('\n')
  .trim()
if (start < 0 || body === '') {
  console.error(`CHANGELOG.md has no entry for ${version}: add "## [${version}] - <date>" with its changes`)
  process.exit(1)
}
process.stdout.write(`${body}\n`)
