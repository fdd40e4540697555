// Runs a TypeScript script that reuses the test fixtures: bundles it with esbuild (dependencies stay in
// node_modules), imports it, and removes the bundle afterwards.
import { build } from 'esbuild'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export async function runBundled(entry, name) {
  // Inside the project, so the bundle's imports resolve from node_modules.
  const dir = join('node_modules', '.cache', name)
  mkdirSync(dir, { recursive: true })
  try {
    await build({
      entryPoints: [entry],
      outfile: join(dir, 'main.mjs'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      logLevel: 'error',
    })
    await import(pathToFileURL(join(process.cwd(), dir, 'main.mjs')).href)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
