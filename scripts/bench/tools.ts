// Timing wrappers for the programs the action runs: put first on PATH, each logs its top-level calls
// (`depth tool subcommand start-ns end-ns`) to $BENCH_TOOL_LOG; calls made by a wrapped program
// (pristine-tar's own git, say) are logged with a higher depth and not counted twice.
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { tempDir } from '../../test/support/tmp.js'

export interface ToolCall {
  depth: number
  tool: string
  sub: string
  /** Epoch ms. */
  start: number
  end: number
}

/** A directory of wrappers for `tools`, calling the real programs found on PATH now. */
export async function toolWrappers(tools: readonly string[]): Promise<string> {
  const dir = await tempDir('pc-bench-tools-')
  for (const tool of tools) {
    const real = (await run('sh', ['-c', `command -v ${tool}`])).stdout.trim()
    // git's subcommand is the first argument that is neither an option nor an option's value
    const sub =
      tool === 'git'
        ? [
            'sub=""; skip=0',
            'for a in "$@"; do',
            '  if [ $skip = 1 ]; then skip=0; continue; fi',
            '  case "$a" in -C|-c|--git-dir|--work-tree|--namespace) skip=1 ;; -*) ;; *) sub="$a"; break ;; esac',
            'done',
          ]
        : ['sub="$1"']
    const script = [
      '#!/bin/sh',
      'start=$(date +%s%N)',
      'depth=${BENCH_WRAP_DEPTH:-0}',
      `BENCH_WRAP_DEPTH=$((depth + 1)) "${real}" "$@"`,
      'code=$?',
      'end=$(date +%s%N)',
      ...sub,
      `[ -z "$BENCH_TOOL_LOG" ] || printf '%s %s %s %s %s\\n' "$depth" ${tool} "$sub" "$start" "$end" >> "$BENCH_TOOL_LOG"`,
      'exit $code',
      '',
    ].join('\n')
    await writeFile(join(dir, tool), script)
    await chmod(join(dir, tool), 0o755)
  }
  return dir
}

export async function readToolLog(path: string): Promise<ToolCall[]> {
  const text = await readFile(path, 'utf8').catch(() => '')
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [depth, tool, sub, start, end] = line.split(' ')
      return {
        depth: Number(depth),
        tool: tool ?? '',
        sub: sub ?? '',
        start: Number(start) / 1e6,
        end: Number(end) / 1e6,
      }
    })
}

/** Seconds of top-level calls of `tool` (and `sub`, when given). */
export const toolTotal = (calls: readonly ToolCall[], tool: string, sub?: string): number =>
  calls
    .filter((call) => call.depth === 0 && call.tool === tool && (sub === undefined || call.sub === sub))
    .reduce((n, call) => n + (call.end - call.start) / 1000, 0)
