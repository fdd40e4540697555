// Small measuring helpers: timed commands, medians, and number formatting for the report.
import { run, type RunOptions, type RunResult } from '../../src/process/run.js'

/** Runs a program and returns its result with the wall seconds it took. */
export async function timed(
  program: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult & { seconds: number }> {
  const started = performance.now()
  const result = await run(program, args, options)
  return { ...result, seconds: (performance.now() - started) / 1000 }
}

/** Seconds an async piece of work takes. */
export async function seconds<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now()
  const value = await work()
  return { value, seconds: (performance.now() - started) / 1000 }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export const secs = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)} s` : '–')

export function bytes(value: number): string {
  if (!Number.isFinite(value)) return '–'
  if (value < 10_000) return `${value} B`
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KiB`
  return `${(value / 1024 / 1024).toFixed(2)} MiB`
}

/** A ratio as a percentage with enough digits to be read at 0.1 % and 0.001 %. */
export function percent(part: number, whole: number): string {
  const value = (100 * part) / whole
  if (!Number.isFinite(value)) return '–'
  return value >= 10
    ? `${value.toFixed(1)} %`
    : value >= 0.1
      ? `${value.toFixed(2)} %`
      : `${value.toFixed(4)} %`
}

export const ratio = (part: number, whole: number): string =>
  Number.isFinite(part / whole) ? `${(part / whole).toFixed(2)}×` : '–'

/** `[a, b, c]` seconds, for the raw repetitions column. */
export const list = (values: readonly number[]): string => values.map((v) => v.toFixed(2)).join(', ')
