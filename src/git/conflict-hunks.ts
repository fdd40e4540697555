/** Lines kept around each conflict region, so a reader sees where it is. */
const context = 3

/** Extracts the conflict-marker regions of a file, with a little context and line numbers. */
export function conflictRegions(text: string): string {
  const lines = text.split('\n')
  const regions: Array<[number, number]> = []
  let start = -1
  for (const [index, line] of lines.entries()) {
    if (line.startsWith('<<<<<<< ')) start = index
    else if (line.startsWith('>>>>>>> ') && start >= 0) {
      regions.push([Math.max(0, start - context), Math.min(lines.length - 1, index + context)])
      start = -1
    }
  }
  const merged: Array<[number, number]> = []
  for (const region of regions) {
    const last = merged.at(-1)
    if (last && region[0] <= last[1] + 1) last[1] = Math.max(last[1], region[1])
    else merged.push([...region])
  }
  return merged
    .map(([from, to]) => `@@ line ${from + 1} @@\n${lines.slice(from, to + 1).join('\n')}`)
    .join('\n')
}
