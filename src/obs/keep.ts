/** Default `obs-keep`: files OBS users add next to the sources, never removed by a publish. */
export const defaultKeep: readonly string[] = ['_service*', '_constraints', '_multibuild']

/** Compiles `obs-keep` globs (`*`, `?`, `[...]`) into one predicate over OBS file names. */
export function keepMatcher(globs: readonly string[]): (name: string) => boolean {
  const patterns = globs.filter((glob) => glob.trim() !== '').map((glob) => globToRegExp(glob.trim()))
  return (name) => patterns.some((pattern) => pattern.test(name))
}

function globToRegExp(glob: string): RegExp {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string
    if (char === '*') source += '.*'
    else if (char === '?') source += '.'
    else if (char === '[') {
      const end = glob.indexOf(']', i + 2)
      if (end === -1) source += '\\['
      else {
        const body = glob.slice(i + 1, end)
        const negated = body.startsWith('!') || body.startsWith('^')
        source += `[${negated ? '^' : ''}${(negated ? body.slice(1) : body).replace(/[\\\]]/g, '\\$&')}]`
        i = end
      }
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  }
  return new RegExp(`^${source}$`, 's')
}
