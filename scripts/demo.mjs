// npm run demo: bundles scripts/demo.ts (it reuses the test fixtures) and runs it.
import { runBundled } from './run-bundled.mjs'

await runBundled('scripts/demo.ts', 'patch-carrier-demo')
