// An esbuild plugin of scripts/package.mjs (test/release/bundle.test.ts checks it).
/**
 * @actions/core imports @actions/http-client, which imports undici (40 % of the bundle) for one class,
 * ProxyAgent, made only when a proxy is configured. Its import becomes a require() on first use, so a run
 * without a proxy never evaluates it (a shorter startup).
 */
export const undiciOnUse = {
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
