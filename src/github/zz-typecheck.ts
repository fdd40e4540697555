import type { Octokit } from './octokit.js'
declare const o: Octokit
const n: number = o
const f: () => void = o
export { n, f }
