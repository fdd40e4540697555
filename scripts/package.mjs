// Bundles the action and the CLI into dist/ (ESM, node20 target, no node_modules needed at run time), or into
// the directory given as its argument (the tests and the bench bundle exactly what ships).
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { undiciOnUse } from './undici-on-use.mjs'

const outdir = process.argv[2] ?? 'dist'
rmSync(outdir, { recursive: true, force: true })
await build({
  entryPoints: { index: 'src/action/index.ts', cli: 'src/action/cli.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'linked',
  banner: {
    // Bundled CommonJS dependencies may call require().
    js: "import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  plugins: [undiciOnUse],
})
