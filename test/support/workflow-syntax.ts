import { build } from 'esbuild'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { tempDir } from './tmp.js'

type WorkflowParser = typeof import('@actions/workflow-parser')

let loaded: Promise<WorkflowParser> | undefined

/**
 * GitHub's own workflow parser (`@actions/workflow-parser`, from actions/languageservices, which the
 * GitHub Actions extension for VS Code runs). Its modules import JSON without import attributes, which
 * Node refuses, so it is bundled once per test file, as `npm run package` bundles the action.
 */
function workflowParser(): Promise<WorkflowParser> {
  loaded ??= (async () => {
    const file = join(await tempDir('pc-workflow-parser-'), 'parser.mjs')
    await build({
      stdin: { contents: "export * from '@actions/workflow-parser'", resolveDir: process.cwd() },
      outfile: file,
      bundle: true,
      platform: 'node',
      format: 'esm',
      banner: {
        js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
      },
      logLevel: 'error',
    })
    return (await import(pathToFileURL(file).href)) as WorkflowParser
  })()
  return loaded
}

/**
 * What GitHub would say is wrong with a workflow file: YAML, keys (unknown, or required and missing:
 * `on`, `jobs`, `runs-on`, `steps`…), values, expressions and cron schedules. Empty when it is valid.
 */
export async function workflowErrors(name: string, content: string): Promise<string[]> {
  const parser = await workflowParser()
  const parsed = parser.parseWorkflow({ name, content }, new parser.NoOperationTraceWriter())
  const errors = parsed.context.errors.getErrors().map((error) => error.message)
  if (errors.length > 0 || !parsed.value) return errors.length > 0 ? errors : [`${name}: no workflow`]
  const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value)
  return (template.errors ?? []).map((error) => error.Message)
}
