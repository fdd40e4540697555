import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { run } from '../../src/process/run.js'
import { workflowErrors } from '../support/workflow-syntax.js'

interface Step {
  id?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Workflow {
  on: Record<string, unknown>
  jobs: Record<string, { steps?: Step[]; strategy?: { matrix?: Record<string, unknown> }; needs?: string }>
}

const workflowFiles = async (): Promise<string[]> =>
  (await readdir('.github/workflows')).filter((name) => /\.ya?ml$/.test(name)).map((name) => name)

/** The README's workflow examples: ```yaml blocks with top-level `on:` and `jobs:`. */
async function readmeWorkflows(): Promise<{ name: string; text: string }[]> {
  const readme = await readFile('README.md', 'utf8')
  return [...readme.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)]
    .map((match) => match[1]!)
    .filter((text) => /^on:/m.test(text) && /^jobs:/m.test(text))
    .map((text) => ({ name: `README: ${/^name: (.*)$/m.exec(text)?.[1] ?? 'workflow'}`, text }))
}

describe('workflow files and the README’s workflow examples', () => {
  it('are valid workflows by GitHub’s own parser (keys, required keys, values, expressions, cron)', async () => {
    const files = await workflowFiles()
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'release.yml', 'action.yml']))
    const examples = await readmeWorkflows()
    expect(examples.length).toBeGreaterThanOrEqual(5)
    const all = [
      ...(await Promise.all(
        files.map(async (file) => ({
          name: file,
          text: await readFile(join('.github/workflows', file), 'utf8'),
        })),
      )),
      ...examples,
    ]
    for (const { name, text } of all) expect(await workflowErrors(name, text), name).toEqual([])
  })

  it('catch what GitHub refuses: a job without runs-on, a misspelt key, a bad cron, a broken expression', async () => {
    const job = (body: string) => `on: push\njobs:\n  a:\n${body}`
    expect(await workflowErrors('x.yml', job('    steps: [{ run: echo }]\n'))).toEqual([
      expect.stringContaining('Required property is missing: runs-on'),
    ])
    expect(await workflowErrors('x.yml', job('    runs-on: x\n    stepz: [{ run: echo }]\n'))).toEqual([
      expect.stringContaining("Unexpected value 'stepz'"),
    ])
    expect(
      await workflowErrors('x.yml', 'jobs:\n  a:\n    runs-on: x\n    steps: [{ run: echo }]\n'),
    ).toEqual([expect.stringContaining('Required property is missing: on')])
    const cron =
      "on:\n  schedule: [{ cron: '61 5 * * *' }]\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: echo }]\n"
    expect(await workflowErrors('x.yml', cron)).toEqual([expect.stringContaining('Invalid cron expression')])
    expect(await workflowErrors('x.yml', job('    runs-on: x\n    steps: [{ run: "${{ f( }}" }]\n'))).toEqual(
      [expect.stringContaining('Unexpected end of expression')],
    )
  })

  it('use only the inputs and outputs action.yml declares', async () => {
    const action = parse(await readFile('action.yml', 'utf8')) as {
      inputs: Record<string, unknown>
      outputs: Record<string, unknown>
    }
    for (const { name, text } of await readmeWorkflows()) {
      const workflow = parse(text) as Workflow
      for (const job of Object.values(workflow.jobs)) {
        const ours = (job.steps ?? []).filter((step) => step.uses?.startsWith('patch-carrier/patch-carrier@'))
        for (const step of ours) {
          expect(step.uses, name).toBe('patch-carrier/patch-carrier@v1')
          for (const input of Object.keys(step.with ?? {}))
            expect(action.inputs, `${name}: ${input}`).toHaveProperty([input])
        }
        const ids = new Set(ours.flatMap((step) => (step.id ? [step.id] : [])))
        for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          if (ids.has(id!)) expect(action.outputs, `${name}: ${output}`).toHaveProperty([output!])
        }
      }
    }
  })

  it('CI runs the suite on Node 20 and Node 24', async () => {
    const ci = parse(await readFile('.github/workflows/ci.yml', 'utf8')) as Workflow
    const test = ci.jobs.test!
    expect(test.strategy?.matrix?.node).toEqual([20, 24])
    expect(test.steps!.map((step) => step.run)).toContain('bash .ci/run')
    expect(await readFile('.ci/run', 'utf8')).toMatch(/^npm test$/m)
  })

  it('a vX.Y.Z tag releases: dist/ current, tests, notes from CHANGELOG.md, the major tag moved', async () => {
    const release = parse(await readFile('.github/workflows/release.yml', 'utf8')) as Workflow
    expect(release.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } })
    const check = release.jobs.check!.steps!.map((step) => step.run ?? '').join('\n')
    expect(check).toMatch(/npm run package\n\s*if \[ -n "\$\(git status --porcelain dist\/\)" \]/)
    expect(check).toContain('npm test')
    expect(release.jobs.release!.needs).toBe('check')
    const publish = release.jobs.release!.steps!.map((step) => step.run ?? '').join('\n')
    expect(publish).toContain('node scripts/release-notes.mjs "$GITHUB_REF_NAME"')
    expect(publish).toContain('gh release create "$GITHUB_REF_NAME" --verify-tag')
    expect(publish).toContain('git push --force origin "refs/tags/$major"')
  })

  it('the release notes are the CHANGELOG.md entry of package.json’s version', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string }
    const notes = await run('node', ['scripts/release-notes.mjs', `v${version}`])
    expect(notes.stdout).toMatch(/^### Added$/m)
    expect(notes.stdout).not.toMatch(/^## /m)
    expect(notes.stdout).not.toMatch(/^\[[^\]]+\]: /m)
    const missing = await run('node', ['scripts/release-notes.mjs', '0.0.1'], { okCodes: [1] })
    expect(missing.stderr).toContain('CHANGELOG.md has no entry for 0.0.1')
  })
})
