/**
 * Git commands for a person to run in a clone (shown in a pull request, never run by the action): each a
 * line for a POSIX shell, `git` and its options as written, every other word quoted as needed.
 */

/** One word for a POSIX shell: kept as is when plainly safe, else single-quoted. */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_./:=+@%,-]+$/.test(word) && !word.startsWith('-')) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}

const line = (...words: string[]): string =>
  words.map((word) => (/^(git|-{1,2}[A-Za-z][a-z-]*)$/.test(word) ? word : shellWord(word))).join(' ')

export const shellCommands = {
  fetch: (remote: string, refspecs: readonly string[]): string => line('git', 'fetch', remote, ...refspecs),
  /** Creates or resets `branch` at `start` and checks it out. */
  switchTo: (branch: string, start: string): string => line('git', 'switch', '-C', branch, start),
  push: (remote: string, refspec: string): string => line('git', 'push', remote, refspec),
  cherryPick: (commits: readonly string[]): string => line('git', 'cherry-pick', ...commits),
  commit: (message: string, paths: readonly string[]): string =>
    line('git', 'commit', '-m', message, '--', ...paths),
}
