// Creates the fixture repositories of the CI workflow that runs the action with `uses: ./`
// (.github/workflows/action.yml); see scripts/fixtures.ts.
import { runBundled } from './run-bundled.mjs'

await runBundled('scripts/fixtures.ts', 'patch-carrier-fixtures')
