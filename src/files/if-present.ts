/**
 * What a read of a file or directory gives, or undefined when it does not exist. Any other failure (a
 * directory where a file belongs, a link loop, no permission) is an error naming `shownAs`, never taken
 * for "there is none": that would export over files, skip a patch or call a signature missing.
 */
export async function ifPresent<T>(read: Promise<T>, shownAs: string): Promise<T | undefined> {
  try {
    return await read
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    throw new Error(`${shownAs} cannot be read (${code ?? (error as Error).message})`)
  }
}
