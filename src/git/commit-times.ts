import type { GitRepo } from './repo.js'

const seconds = (output: string): number[] =>
  output
    .split('\n')
    .filter((line) => /^\d+$/.test(line))
    .map(Number)

/**
 * Unix times: the date of the local ref `ref` (an annotated tag's own date, a lightweight tag's commit
 * date; none when there is no such ref), the commit date of `base` and of every commit in base..head.
 */
export async function commitTimes(repo: GitRepo, ref: string, base: string, head: string): Promise<number[]> {
  const outputs = [
    await repo.read(['for-each-ref', '--format=%(creatordate:unix)', ref]),
    await repo.read(['show', '-s', '--format=%ct', base]),
    await repo.read(['log', '--format=%ct', `${base}..${head}`]),
  ]
  return outputs.flatMap(seconds)
}
