import { beforeAll, describe, expect, it } from 'vitest'
import { compareDebianVersions, isValidDebianVersion } from '../../src/versions/dpkg.js'
import { run } from '../../src/process/run.js'
import { equivalentVersion, mutateVersion, randomDebianVersion, seededRandom } from './random-versions.js'

const seed = Number(process.env.ORACLE_SEED ?? 20260101)
const pairCount = 2500
const concurrency = 8

interface Verdict {
  a: string
  b: string
  sign: number
  stderr: string
}

const operators = new Map([
  [-1, 'lt'],
  [0, 'eq'],
  [1, 'gt'],
])

/** Whether `dpkg --compare-versions a <operator> b` holds, with what dpkg said on stderr. */
async function dpkgHolds(a: string, sign: number, b: string): Promise<{ holds: boolean; stderr: string }> {
  const args = ['--compare-versions', '--', a, operators.get(sign) ?? '', b]
  const result = await run('dpkg', args, { okCodes: [0, 1] })
  return { holds: result.code === 0, stderr: result.stderr }
}

/**
 * The sign dpkg gives `a` against `b`. The guess is asked first, so a right guess costs one dpkg run; the
 * answer is always dpkg's own, since exactly one of lt, eq and gt holds.
 */
async function dpkgSign(a: string, b: string, guess: number): Promise<Verdict> {
  const first = await dpkgHolds(a, guess, b)
  if (first.holds) return { a, b, sign: guess, stderr: first.stderr }
  const [other, last] = [-1, 0, 1].filter((sign) => sign !== guess) as [number, number]
  const second = await dpkgHolds(a, other, b)
  return { a, b, sign: second.holds ? other : last, stderr: first.stderr + second.stderr }
}

/** Maps with at most `limit` calls in flight, keeping the input order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await map(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

// Real-world neighbours, so the oracle also covers versions as they are written, not only random ones.
const realPairs: [string, string][] = [
  ['1:2.3.21+dfsg1-3', '1:2.3.21.1+dfsg1-1'],
  ['1:2.3.21+dfsg1-3', '1:2.3.21+dfsg1-3+deb12u1'],
  ['1:2.3.21+dfsg1-3+carrier1', '1:2.3.21+dfsg1-3+carrier10'],
  ['2.3.21+dfsg1-3', '1:2.3.19.1+dfsg1-2'],
  ['1.0~rc1-1', '1.0-1'],
  ['1.0-1', '1.0-1ubuntu1'],
  ['1.0-1~bpo12+1', '1.0-1'],
  ['1.03', '1.3'],
  ['1.0', '1.0-0'],
  ['7.88.1-10+deb12u5', '7.88.1-10+deb12u12'],
]

/** The real pairs, then random ones biased to what matters: equal, equivalent, nearly equal, unrelated. */
function pairsToCheck(count: number): [string, string][] {
  const random = seededRandom(seed)
  const pairs: [string, string][] = [...realPairs]
  while (pairs.length < count) {
    const a = randomDebianVersion(random)
    const kind = random()
    let b: string
    if (kind < 0.1) b = a
    else if (kind < 0.25) b = equivalentVersion(random, a)
    else if (kind < 0.75) b = mutateVersion(random, a)
    else b = randomDebianVersion(random)
    if (isValidDebianVersion(b)) pairs.push(random() < 0.5 ? [a, b] : [b, a])
  }
  return pairs
}

/** One line per pair where `compare` disagrees with dpkg, naming the pair and both answers. */
function mismatches(verdicts: readonly Verdict[], compare: (a: string, b: string) => number): string[] {
  return verdicts.flatMap(({ a, b, sign }) => {
    const ours = Math.sign(compare(a, b))
    return ours === sign ? [] : [`${JSON.stringify(a)} vs ${JSON.stringify(b)}: ours ${ours}, dpkg ${sign}`]
  })
}

describe(`compareDebianVersions against dpkg --compare-versions (seed ${seed})`, () => {
  let verdicts: Verdict[] = []

  beforeAll(async () => {
    verdicts = await mapLimited(pairsToCheck(pairCount), concurrency, ([a, b]) =>
      dpkgSign(a, b, Math.sign(compareDebianVersions(a, b))),
    )
  })

  it('agrees with dpkg on every random pair', () => {
    expect(mismatches(verdicts, compareDebianVersions)).toEqual([])
  })

  it('only used versions that dpkg accepts without a warning', () => {
    expect(verdicts.filter((verdict) => verdict.stderr !== '')).toEqual([])
  })

  it('covers less, equal and greater, so the comparison is really exercised', () => {
    const counts = [-1, 0, 1].map((sign) => verdicts.filter((verdict) => verdict.sign === sign).length)
    expect(Math.min(...counts)).toBeGreaterThan(pairCount / 10)
  })

  it('takes the sign from dpkg whatever the guess', async () => {
    const known: [string, string, number][] = [
      ['1.0~rc1', '1.0', -1],
      ['1.0', '1.0-0', 0],
      ['1:0', '9', 1],
    ]
    for (const [a, b, sign] of known) {
      const signs = await Promise.all([-1, 0, 1].map(async (guess) => (await dpkgSign(a, b, guess)).sign))
      expect(signs).toEqual([sign, sign, sign])
    }
  })

  it('reports a wrong comparison with its pair (the oracle can fail)', () => {
    const stringOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
    const found = mismatches(verdicts, stringOrder)
    expect(found.length).toBeGreaterThan(0)
    expect(found[0]).toMatch(/^".*" vs ".*": ours -?\d, dpkg -?\d$/)
  })

  // Each mutant breaks one rule of dpkg's order; the random pairs must tell every one of them apart.
  it.each([
    ['tilde sorts like plus', (v: string) => v.replaceAll('~', '+')],
    ['epoch ignored', (v: string) => v.replace(/^[0-9]+:/, '')],
    ['revision ignored', (v: string) => v.replace(/-[^-]*$/, '')],
    ['leading zeros kept', (v: string) => v.replace(/(^|[^0-9])0+(?=[0-9])/g, '$1z')],
  ])('catches a comparison where %s', (_rule, mutate) => {
    const mutant = (a: string, b: string): number => {
      const [x, y] = [mutate(a), mutate(b)]
      return isValidDebianVersion(x) && isValidDebianVersion(y) ? compareDebianVersions(x, y) : 0
    }
    expect(mismatches(verdicts, mutant).length).toBeGreaterThan(0)
  })

  it('agrees with dpkg on which strings are not versions', async () => {
    const invalid = [
      'a1.0',
      '1.0-',
      '-1',
      ':1.0',
      'x:1.0',
      '1:',
      '1.0_1',
      '1.0-1_2',
      '1.0-a:b',
      '99999999999:1',
    ]
    const results = await mapLimited(invalid, concurrency, (version) =>
      run('dpkg', ['--compare-versions', '--', version, 'eq', '1'], { okCodes: [0, 1, 2] }),
    )
    expect(results.map((result) => /bad syntax/.test(result.stderr))).toEqual(invalid.map(() => true))
    expect(invalid.filter(isValidDebianVersion)).toEqual([])
  })
})
