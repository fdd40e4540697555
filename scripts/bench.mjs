// npm run bench: bundles the action from src/ and scripts/bench/*.ts (which reuse the test fixtures), then
// runs the bench (scripts/bench/main.ts says what it writes where). dist/ is not touched.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { runBundled } from './run-bundled.mjs'

// the action exactly as `npm run package` bundles it, but into a private directory; or BENCH_ACTION, another
// build's index.js (an older commit's dist/, for a before/after comparison with the same bench)
const action = join('node_modules', '.cache', 'patch-carrier-bench-action')
try {
  if (!process.env.BENCH_ACTION)
    execFileSync(process.execPath, ['scripts/package.mjs', action], { stdio: 'inherit' })
  process.env.BENCH_ACTION_BUNDLE = process.env.BENCH_ACTION || join(process.cwd(), action, 'index.js')
  await runBundled('scripts/bench/main.ts', 'patch-carrier-bench-bundle')
} finally {
  rmSync(action, { recursive: true, force: true })
}
