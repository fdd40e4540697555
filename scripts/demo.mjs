// npm run demo: bundles scripts/demo.ts (it reuses the test fixtures) and runs it.
import { build } from 'esbuild'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

// Inside the project, so the bundle's imports resolve from node_modules.
const dir = join('node_modules', '.cache', 'patch-carrier-demo')
mkdirSync(dir, { recursive: true })
try {
  await build({
    entryPoints: ['scripts/demo.ts'],
    outfile: join(dir, 'demo.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  })
  await import(pathToFileURL(join(process.cwd(), dir, 'demo.mjs')).href)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
