import { describe, expect, it } from 'vitest'
import { endRun } from '../../src/pipeline/after-run.js'
import type { Logger } from '../../src/pipeline/deps.js'

const recorder = () => {
  const lines: string[] = []
  const log: Logger = {
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    group: (_name, stage) => stage(),
  }
  return { lines, log }
}

describe('the end of a run', () => {
  it('says which background work and which release failed, and still releases everything', async () => {
    const { lines, log } = recorder()
    const released: string[] = []
    await endRun(
      {
        background: [Promise.resolve('tarballs'), Promise.reject(new Error('pristine-tar crashed'))],
        release: [
          async () => {
            released.push('first')
            throw new Error("EBUSY: resource busy or locked, rmdir '/dev/shm/patch-carrier-1-x'")
          },
          async () => void released.push('second'),
        ],
      },
      log,
    )
    expect(released).toEqual(['first', 'second'])
    expect(lines).toEqual([
      'warning: Work started alongside the run failed: pristine-tar crashed',
      "warning: Releasing the build scratch failed (remove it by hand): EBUSY: resource busy or locked, rmdir '/dev/shm/patch-carrier-1-x'",
    ])
  })

  it('is quiet when nothing failed', async () => {
    const { lines, log } = recorder()
    await endRun({ background: [Promise.resolve()], release: [async () => undefined] }, log)
    expect(lines).toEqual([])
  })
})
