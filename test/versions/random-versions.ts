/** A seeded pseudo-random source in [0, 1), so a failing oracle run can be replayed exactly (xorshift32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 2 ** 32
  }
}

type Random = () => number

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

/** A digit run, often with leading zeros, since dpkg ignores them. */
function digits(random: Random): string {
  return pick(random, ['0', '1', '2', '9', '10', '01', '001', '00', '12', '123', '100', '010'])
}

/** A piece of an upstream version or revision: digits, letters, or one of the separators allowed there. */
function piece(random: Random, separators: readonly string[]): string {
  const kind = random()
  if (kind < 0.35) return digits(random)
  if (kind < 0.6) return pick(random, ['a', 'b', 'z', 'A', 'Z', 'rc', 'dfsg', 'ubuntu', 'deb'])
  return pick(random, separators)
}

/** A valid Debian version made of what matters to dpkg's order: epochs, `~`, `+`, letters, zeros. */
export function randomDebianVersion(random: Random): string {
  const epoch = random() < 0.25 ? `${digits(random)}:` : ''
  const hasRevision = random() < 0.55
  // Hyphens may appear in the upstream part only when a revision follows, colons only after an epoch.
  const separators = ['.', '.', '+', '~', '~', ...(hasRevision ? ['-'] : []), ...(epoch ? [':'] : [])]
  let upstream = digits(random)
  for (let n = Math.floor(random() * 6); n > 0; n--) upstream += piece(random, separators)
  if (!hasRevision) return epoch + upstream
  let revision = piece(random, ['.', '+', '~'])
  for (let n = Math.floor(random() * 4); n > 0; n--) revision += piece(random, ['.', '+', '~'])
  return `${epoch}${upstream}-${revision}`
}

/** A small edit of a version (append, insert, replace or delete one character), which may be invalid. */
export function mutateVersion(random: Random, version: string): string {
  const at = Math.floor(random() * (version.length + 1))
  const char = pick(random, ['~', '~', '+', '.', '0', '1', '9', 'a', 'Z', '-', ':'])
  const edit = random()
  if (edit < 0.3) return version + pick(random, ['~', '+', '.', '0', '1', 'a', '-0', '-1', '~rc1', '+b1'])
  if (edit < 0.6) return version.slice(0, at) + char + version.slice(at)
  if (edit < 0.85) return version.slice(0, at) + char + version.slice(at + 1)
  return version.slice(0, at) + version.slice(at + 1)
}

/** A version dpkg must find equal to `version`: a `0:` epoch, a `-0` revision, or extra leading zeros. */
export function equivalentVersion(random: Random, version: string): string {
  const way = random()
  if (way < 0.33 && !version.includes(':')) return `0:${version}`
  if (way < 0.66 && !version.includes('-')) return `${version}-0`
  return version.replace(/[0-9]+/, (run) => `0${run}`)
}
