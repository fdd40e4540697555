import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { autosetupSpec, qmailSpec } from '../packaging/rpm/fixtures.js'

const readme = (): Promise<string> => readFile('README.md', 'utf8')

/** The text of one `##`/`###` section of the README, up to the next heading of the same or a higher level. */
function section(text: string, heading: string): string {
  const lines = text.split('\n')
  const start = lines.findIndex((line) => line === heading)
  if (start < 0) throw new Error(`README has no "${heading}"`)
  const level = heading.indexOf(' ')
  const end = lines.findIndex(
    (line, index) => index > start && /^#+ /.test(line) && line.indexOf(' ') <= level,
  )
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n')
}

/** Each figure the README's Speed and Cache sections quote, and the line of bench/RESULTS.md it comes from. */
const benchClaims: [readme: RegExp, results: RegExp][] = [
  [
    /At 100,000 commits it takes ([\d.]+) % of the time and ([\d.]+) % of the bytes/,
    /No-op run at 100,000 commits: ≤ 5 % of the baseline's time \| ([\d.]+) %[^]*?≤ 1 % of the baseline's bytes \| ([\d.]+) %/,
  ],
  [
    /takes ([\d.]+)× the time of the scripted manual procedure/,
    /Full update ≤ 0\.5× the manual procedure \| ([\d.]+)×/,
  ],
  [/fastest manual run gives ([\d.]+)×/, /Full update, fastest run vs fastest run[^|]*\| ([\d.]+)×/],
  [
    /a cached upstream version takes ([\d.]+)× the time of a cold run/,
    /Cache effect, Debian revision[^|]*\| wall ([\d.]+)×/,
  ],
  [
    /over 50 packages\*\* takes ([\d.]+) s, against ([\d.]+) s for one/,
    /(?=[^\n]*?([\d.]+) s at 50)[^\n]*?([\d.]+) s at 1,/,
  ],
  [
    /received ([\d.]+) % of the bytes a cold run received \((\d+) B against ([\d.]+) MiB\)/,
    /Cache effect, Debian revision[^|]*\|[^|]*; bytes received ([\d.]+) % \((\d+) B vs ([\d.]+) MiB\)/,
  ],
]

/** The first cells of a Markdown table's rows that are one code span: `` | `name` | … ``. */
const rowNames = (text: string): string[] =>
  [...text.matchAll(/^\| `([^`]+)` +\|/gm)].map((match) => match[1]!)

describe('README, as a new user reads it', () => {
  it('lists exactly the inputs and outputs action.yml declares', async () => {
    const action = parse(await readFile('action.yml', 'utf8')) as {
      inputs: Record<string, unknown>
      outputs: Record<string, unknown>
    }
    const [inputs, outputs] = section(await readme(), '## Inputs and outputs').split(/^\| output /m)
    expect(rowNames(inputs!).sort()).toEqual(Object.keys(action.inputs).sort())
    expect(rowNames(outputs!).sort()).toEqual(Object.keys(action.outputs).sort())
  })

  it('names every result a run can have, in the order of the code’s stages', async () => {
    const report = await readFile('src/pipeline/report.ts', 'utf8')
    const kinds = [.../export type RunResultKind =([^]*?)\n\n/.exec(report)![1]!.matchAll(/'([a-z-]+)'/g)]
    const text = section(await readme(), '## What a run does')
    expect(rowNames(text).filter((name) => kinds.some((kind) => kind[1] === name))).toEqual(
      expect.arrayContaining(kinds.map((kind) => kind[1])),
    )
    // the run publishes to OBS before it pushes (src/pipeline/ship.ts says why), as the intro says
    const pipeline = await readFile('src/pipeline/ship.ts', 'utf8')
    expect(pipeline.indexOf("time('Publish'")).toBeLessThan(pipeline.indexOf("time('Push'"))
    expect(await readme()).toMatch(/^4\. publishes it to the Open Build Service[^]*^5\. then pushes/m)
  })

  it('quotes bench/RESULTS.md’s figures as they are there, rounded no further than it says', async () => {
    const text = await readme()
    const quoted = [section(text, '### Speed'), section(text, '### Cache')].join('\n').replace(/\s+/g, ' ')
    const results = await readFile('bench/RESULTS.md', 'utf8')
    let claimed = 0
    for (const [inReadme, inResults] of benchClaims) {
      const said = inReadme.exec(quoted)
      const measured = inResults.exec(results)
      expect(said, `README: ${inReadme}`).not.toBeNull()
      expect(measured, `bench/RESULTS.md: ${inResults}`).not.toBeNull()
      for (const [index, value] of said!.slice(1).entries()) {
        const decimals = value.split('.')[1]?.length ?? 0
        expect(Number(measured![index + 1]).toFixed(decimals), `${said![0]} / ${measured![0]}`).toBe(value)
        claimed++
      }
    }
    // a figure added to these sections needs its line in benchClaims
    expect(quoted.match(/\d(\.\d+)? ?(%|×|s\b|B\b|MiB)/g)).toHaveLength(claimed)
  })

  it('shows the RPM specs the tests build, the classic one and the %autosetup one', async () => {
    const specs = [...(await readme()).matchAll(/^```spec\n([\s\S]*?)^```$/gm)].map((match) => match[1])
    expect(specs).toEqual([qmailSpec('1.0'), autosetupSpec('1.0')])
  })

  it('says what the cache test asserts about the second run’s repository', async () => {
    const test = await readFile('test/cache/second-run.test.ts', 'utf8')
    const bytes = /expect\(withCache\.kib \* (\d+)\)\.toBeLessThan\(without\.kib\)/.exec(test)?.[1]
    const words: Record<string, string> = { '2': 'half', '10': 'a tenth' }
    const cache = section(await readme(), '### Cache').replace(/\s+/g, ' ')
    expect(test).toMatch(/expect\(withCache\.objects\)\.toBeLessThan\(without\.objects\)/)
    expect(cache).toContain(`less than ${words[bytes!]} of the bytes and fewer objects than`)
  })
})
