import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { cliInputs } from '../../src/cli-args.js'

describe('action.yml', () => {
  it('declares the inputs of config files, caching and the CLI, and the matrix output', async () => {
    const action = parse(await readFile('action.yml', 'utf8')) as {
      inputs: Record<string, { description: string; default?: string }>
      outputs: Record<string, { description: string }>
    }
    for (const input of ['config', 'package', 'cache', 'cache-dir']) {
      expect(typeof action.inputs[input]?.description, input).toBe('string')
    }
    expect(action.inputs.cache?.default).toBe('true')
    expect(action.outputs.matrix?.description).toContain('strategy.matrix')
    // every --flag of the CLI is an input of the action (one settings parser behind both)
    for (const input of cliInputs) expect(Object.keys(action.inputs)).toContain(input)
  })
})
