import { access, chmod, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Server-side hooks on a fork's bare repository (git runs them for pushes over file:// and smart HTTP):
 * a log of every push that changed refs, and a switch that makes the next pushes fail, as a protected
 * branch or a failing pre-receive check on a real server would.
 */
export interface ForkHooks {
  /** Ref updates of each accepted push, oldest first (`<old> <new> <ref>` lines). */
  pushes(): Promise<string[][]>
  /**
   * Rejects the next `count` pushes with "pre-receive: rejected by the test" (with `ref`: the next pushes
   * that update that ref; others pass).
   */
  reject(count: number, ref?: string): Promise<void>
  /**
   * Holds the next push (with `ref`: the next one updating that ref) inside pre-receive (before the server
   * locks its refs) until `release()`: another push can land meanwhile, as when two runs race. Resolves
   * once the push is held.
   */
  holdNextPush(ref?: string): { held: Promise<void>; release(): Promise<void> }
}

export async function installHooks(bare: string): Promise<ForkHooks> {
  const log = join(bare, 'pushes.log')
  const budget = join(bare, 'reject-budget')
  const hold = join(bare, 'hold-once')
  const holding = join(bare, 'holding')
  const rejectRef = join(bare, 'reject-ref')
  const holdRef = join(bare, 'hold-ref')
  await writeFile(log, '')
  const hook = async (name: string, script: string): Promise<void> => {
    const path = join(bare, 'hooks', name)
    await writeFile(path, `#!/bin/sh\n${script}`)
    await chmod(path, 0o755)
  }
  await hook('post-receive', `{ cat; echo ---; } >> '${log}'\n`)
  await hook(
    'pre-receive',
    [
      'input=$(cat)',
      // true when the push updates the ref named in file $1, or when there is no such file
      `updates() { [ ! -s "$1" ] || printf '%s\\n' "$input" | grep -qF " $(cat "$1")"; }`,
      `if [ -e '${hold}' ] && updates '${holdRef}'; then`,
      `  rm -f '${hold}'; touch '${holding}'`,
      `  while [ -e '${holding}' ]; do sleep 0.05; done`,
      'fi',
      `if [ -s '${budget}' ] && updates '${rejectRef}'; then`,
      `  left=$(cat '${budget}'); echo $((left - 1)) > '${budget}'`,
      `  [ "$left" -gt 1 ] || rm -f '${budget}'`,
      '  echo "pre-receive: rejected by the test" >&2; exit 1',
      'fi',
      '',
    ].join('\n'),
  )
  return {
    async pushes() {
      const text = await readFile(log, 'utf8')
      return text
        .split('---\n')
        .filter((block) => block.trim())
        .map((block) => block.trim().split('\n'))
    },
    holdNextPush(ref = '') {
      const armed = writeFile(holdRef, ref).then(() => writeFile(hold, ''))
      const held = (async () => {
        await armed
        for (let waited = 0; waited < 60_000; waited += 50) {
          if (await exists(holding)) return
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        throw new Error('no push arrived to hold')
      })()
      return { held, release: () => rm(holding, { force: true }) }
    },
    async reject(count, ref = '') {
      await writeFile(rejectRef, ref)
      if (count > 0) await writeFile(budget, String(count))
      else await rm(budget, { force: true })
    },
  }
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  )
