import { existsSync } from 'node:fs'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { removeTree } from '../../src/files/remove-tree.js'
import { tempDir } from '../support/tmp.js'

describe('removeTree', () => {
  it('removes a tree whose name starts with a dash, without following its links; nothing when absent', async () => {
    const root = await tempDir()
    const outside = join(root, 'outside.txt')
    await writeFile(outside, 'stays\n')
    const dir = join(root, '-rf tree')
    await mkdir(join(dir, 'a', 'b'), { recursive: true })
    await writeFile(join(dir, 'a', 'b', 'file.txt'), 'x\n')
    await symlink(outside, join(dir, 'a', 'link'))
    await symlink(root, join(dir, 'up'))
    await removeTree(dir)
    expect(existsSync(dir)).toBe(false)
    expect(existsSync(outside)).toBe(true)
    await removeTree(dir)
    expect(existsSync(root)).toBe(true)
  })
})
