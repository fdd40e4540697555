// npm run bench: bundles the action from src/ and scripts/bench/*.ts (which reuse the test fixtures), then
// runs the bench (scripts/bench/main.ts says what it writes where). dist/ is not touched.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

// Inside the project, so the bundle's imports resolve from node_modules.
const dir = join('node_modules', '.cache', 'patch-carrier-bench-bundle')
rmSync(dir, { recursive: true, force: true })
mkdirSync(dir, { recursive: true })
try {
  // the action exactly as `npm run package` bundles it, but into a private directory; or BENCH_ACTION, another
  // build's index.js (an older commit's dist/, for a before/after comparison with the same bench)
  if (!process.env.BENCH_ACTION)
    execFileSync(process.execPath, ['scripts/package.mjs', join(dir, 'action')], { stdio: 'inherit' })
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'error',
    entryPoints: ['scripts/bench/main.ts'],
    outfile: join(dir, 'bench.mjs'),
    packages: 'external',
  })
  process.env.BENCH_ACTION_BUNDLE = process.env.BENCH_ACTION || join(process.cwd(), dir, 'action', 'index.js')
  await import(pathToFileURL(join(process.cwd(), dir, 'bench.mjs')).href)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
