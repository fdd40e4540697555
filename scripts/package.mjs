// Bundles the action and the CLI into dist/ (ESM, node20 target, no node_modules needed at run time), or into
// the directory given as its argument (the tests and the bench bundle exactly what ships).
import { build } from 'esbuild'
import { rmSync } from 'node:fs'

/**
 * @actions/core imports @actions/http-client, which imports undici (40 % of the bundle) for one class,
 * ProxyAgent, made only when a proxy is configured. Its import becomes a require() on first use, so a run
 * without a proxy never evaluates it (a shorter startup).
 */
const undiciOnUse = {
  name: 'undici-on-use',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) =>
      /[\\/]@actions[\\/]http-client[\\/]/.test(args.importer)
        ? { path: 'undici-on-use', namespace: 'undici-on-use', pluginData: args.resolveDir }
        : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'undici-on-use' }, (args) => ({
      contents: 'export function ProxyAgent(...args) { return new (require("undici").ProxyAgent)(...args) }',
      resolveDir: args.pluginData,
    }))
  },
}

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
