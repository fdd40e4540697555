import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { cliInputs } from '../../src/action/cli-args.js'
import { inputNames } from '../../src/action/inputs.js'

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
    // the action declares exactly the known inputs, and the CLI offers each of them but `mode` as a --flag
    expect(Object.keys(action.inputs).sort()).toEqual([...inputNames].sort())
    expect([...cliInputs, 'mode'].sort()).toEqual(Object.keys(action.inputs).sort())
  })
})
