/**
 * How much longer one call of `work` takes on `factor` times the input than on the input of `size`:
 * about `factor` when the work is linear, `factor²` when it is quadratic. Comparing the two sizes on the
 * same machine at the same moment cancels its speed and load, which an absolute time limit cannot: each
 * size runs as a batch of about 50 ms or more (the timer's resolution and one pause do not count), the
 * two alternate, and the best time of each counts. Up to five rounds are run while the ratio is at
 * `limit` or more, so a moment of load cannot fail work that is linear; work that is not stays above it
 * in every round.
 */
export function growth(work: (size: number) => void, size: number, factor: number, limit: number): number {
  // once each, unmeasured: compiles the code paths and checks the results before anything is timed
  work(size)
  work(size * factor)
  let reps = 1
  while (batch(work, size, reps) < 50 && reps < 100_000) reps *= 2
  // as many calls of the large input as take about as long as the small batch if the work is linear
  const largeReps = Math.max(1, Math.round(reps / factor))
  let small = Infinity
  let large = Infinity
  for (let round = 0; round < 5; round++) {
    small = Math.min(small, batch(work, size, reps) / reps)
    large = Math.min(large, batch(work, size * factor, largeReps) / largeReps)
    if (large / small < limit) break
  }
  return large / small
}

/** Milliseconds `reps` calls of `work` on one input size take. */
function batch(work: (size: number) => void, size: number, reps: number): number {
  const started = performance.now()
  for (let i = 0; i < reps; i++) work(size)
  return performance.now() - started
}
