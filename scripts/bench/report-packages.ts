// Item 5 in bench/RESULTS.md: `check` over a config file of 1, 10 and 50 packages, growth against linear.
import { table, verdict, type Rendered } from './markdown.js'
import { bytes, list, median, secs } from './measure.js'
import type { PackagesBench, PackagesPoint } from './packages.js'

const wall = (p: PackagesPoint) => median(p.seconds)

/** Each step of the counts: how the wall time grew against how the package count grew. */
function steps(b: PackagesBench) {
  return b.points.slice(1).map((p, i) => {
    const from = b.points[i]!
    return {
      from,
      to: p,
      growth: wall(p) / wall(from),
      linear: p.packages / from.packages,
      /** Seconds each added package cost in this step. */
      marginal: (wall(p) - wall(from)) / (p.packages - from.packages),
    }
  })
}

export function renderPackages(b: PackagesBench | undefined, reps: number): Rendered {
  if (!b || b.points.length === 0) return { section: '', rows: [] }
  const s = steps(b)
  const perBytes = b.points.map((p) => Math.round(median(p.received) / p.packages))
  const linear = s.every((x) => x.growth <= x.linear)
  const path = b.points.map((p) => p.packages).join(' → ')
  const rows = [
    [
      `Many packages: \`check\` time grows no worse than linearly (${path} packages)`,
      s
        .map(
          (x) =>
            `${x.from.packages} → ${x.to.packages}: ×${x.growth.toFixed(2)} (linear ×${x.linear.toFixed(0)})`,
        )
        .join('; ') +
        `; ${b.points.map((p) => `${secs(wall(p))} at ${p.packages}`).join(', ')}` +
        `; per package ${b.points.map((p) => secs(wall(p) / p.packages)).join(' → ')}`,
      verdict(linear),
    ],
    [
      'Many packages: the matrix lists exactly the packages with an update',
      b.points.map((p) => `${p.updates} of ${p.packages}: ${p.matrixOk ? 'yes' : 'no'}`).join('; '),
      verdict(b.points.every((p) => p.matrixOk)),
    ],
  ]
  const pointRows = b.points.map((p, i) => [
    String(p.packages),
    String(p.updates),
    `**${secs(wall(p))}**`,
    secs(wall(p) / p.packages),
    `×${(wall(p) / wall(b.points[0]!)).toFixed(2)} (linear ×${p.packages / b.points[0]!.packages})`,
    secs(median(p.lookup)),
    `${bytes(median(p.received))} (${p.requests} requests)`,
    bytes(perBytes[i]!),
    list(p.seconds),
  ])
  const stepText = s
    .map(
      (x) =>
        `${x.from.packages} → ${x.to.packages}: ${secs(x.marginal)} per added package ` +
        `(×${x.growth.toFixed(2)} for ×${x.linear.toFixed(0)} packages)`,
    )
    .join('; ')
  const alone = median(b.points[0]!.lookup)
  const big = b.points.at(-1)!
  const perPackage = b.points.map((p) => wall(p) / p.packages)
  const flat = b.points.length < 3 || perPackage.at(-1)! <= perPackage.at(-2)!
  const section = `## 5. Many packages: \`mode: check\` with a config file

${path} packages, each its own upstream + fork pair (upstream tags \`v1.0\`, \`v1.1\`, the fork on \`v1.1\` with
one downstream commit; every third package's upstream also has \`v1.2\`, an update), generated with git by
the test fixtures (test/support/plain-fixtures.ts, debian-fixtures.ts) in ${secs(b.generateSeconds)} and all
served by the bench's counting HTTP server. One config file per count lists the first N packages; the
action runs \`mode: check\` on it (${b.concurrency} look-ups at once, \`CHECK_CONCURRENCY\`). One warm-up run,
then ${reps} repetitions, the counts interleaved in a rotating order; medians.

${table(
  [
    'packages',
    'with an update',
    'wall',
    'wall per package',
    'growth vs 1 package',
    'median look-up (Discover) of a package',
    'bytes received',
    'bytes per package',
    'raw wall seconds',
  ],
  pointRows,
)}

Cost of each added package: ${stepText}. Alone, a look-up takes ${secs(alone)}; with ${b.concurrency}
at once ${secs(median(big.lookup))} at ${big.packages} packages: the look-ups, and the git server processes
answering them, share this machine's ${b.cores} cores, so overlapping look-ups each take longer; the wall
time per package ${
    flat
      ? `stays flat or falls (${perPackage.map(secs).join(' → ')})`
      : `rises (${perPackage.map(secs).join(' → ')})`
  }. Bytes per package ${
    Math.max(...perBytes) <= 1.05 * Math.min(...perBytes) ? 'stay within 5 %' : 'vary by more than 5 %'
  } (${perBytes.map(bytes).join(', ')}): each look-up is two ref listings and one shallow, tree-less probe.
`
  return { section, rows }
}
