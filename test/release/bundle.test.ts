import { readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/process/run.js'
import { bundleEntry } from '../support/action.js'
import { tempDir } from '../support/tmp.js'

/** The chunks a module imports statically (`import … from "./chunks/…"`), and theirs: what starts with it. */
async function startupFiles(file: string, seen = new Set<string>()): Promise<Set<string>> {
  seen.add(file)
  const text = await readFile(file, 'utf8')
  // `import "./c.js";`, `} from "./c.js";` (after a multi-line list), `import { a } from "./c.js";`
  for (const [, path] of text.matchAll(/^(?:import|}|import {[^}\n]*})(?: from)? "(\.[^"]+)";$/gm)) {
    const next = join(dirname(file), path!)
    if (!seen.has(next)) await startupFiles(next, seen)
  }
  return seen
}

describe('the bundle npm run package writes', () => {
  it('starts without Octokit or the YAML parser, and evaluates undici only behind a proxy', async () => {
    const index = await bundleEntry('index')
    const files = await startupFiles(index)
    expect(files.size).toBeGreaterThan(1)
    const startup = (await Promise.all([...files].map((file) => readFile(file, 'utf8')))).join('\n')
    expect(startup).toContain('node_modules/simple-git/') // the chunks were followed
    expect(startup).not.toContain('node_modules/@octokit/')
    expect(startup).not.toContain('node_modules/yaml/')
    // undici's code is there (Octokit's chunk shares it), but the import from http-client is a call on use
    expect(startup).toContain('return new (require_undici()).ProxyAgent(...args)')
    expect(startup.match(/require_undici\(\)/g)).toEqual(['require_undici()']) // nowhere else at startup
  })

  it('gives @actions/http-client a working undici ProxyAgent when a proxy is set, and none without', async () => {
    const dir = await tempDir('pc-bundle-proxy-')
    const entry = join(dir, 'entry.mjs')
    await writeFile(
      entry,
      "import { HttpClient } from '@actions/http-client'\n" +
        "const agent = new HttpClient('test').getAgentDispatcher('https://api.github.com/')\n" +
        "console.log(agent?.constructor.name ?? 'none', typeof agent?.dispatch)\n",
    )
    const script = [
      "import { build } from 'esbuild'",
      "import { undiciOnUse } from './scripts/undici-on-use.mjs'",
      `await build({ entryPoints: [${JSON.stringify(entry)}], outfile: ${JSON.stringify(join(dir, 'out.mjs'))},`,
      "  bundle: true, platform: 'node', format: 'esm', logLevel: 'error', plugins: [undiciOnUse],",
      "  nodePaths: [process.cwd() + '/node_modules'],",
      '  banner: { js: "import { createRequire as r } from \'node:module\'; const require = r(import.meta.url);" } })',
    ].join('\n')
    await run('node', ['--input-type=module', '-e', script])
    const bundled = await readFile(join(dir, 'out.mjs'), 'utf8')
    expect(bundled).toContain('require_undici()') // bundled, not a require() at run time
    const proxied = await run('node', [join(dir, 'out.mjs')], { env: { https_proxy: 'http://127.0.0.1:9' } })
    expect(proxied.stdout.trim()).toMatch(/^ProxyAgent\d* function$/)
    const direct = await run('node', [join(dir, 'out.mjs')], { env: { https_proxy: '', HTTPS_PROXY: '' } })
    expect(direct.stdout.trim()).toBe('none undefined')
  })
})
