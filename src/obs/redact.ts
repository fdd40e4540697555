/** Replaces every known secret in a text with `***`; secrets learnt later (cookies, signatures) are added. */
export interface Redactor {
  add(secret: string | undefined): void
  redact(text: string): string
}

export function createRedactor(initial: readonly (string | undefined)[] = []): Redactor {
  const secrets = new Set<string>()
  const add = (secret: string | undefined): void => {
    if (!secret) return
    secrets.add(secret)
    // a multi-line secret (a private key) may surface one line at a time
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 16) secrets.add(line.trim())
  }
  initial.forEach(add)
  return {
    add,
    redact(text) {
      let out = text
      // longest first, so a secret containing another is replaced whole
      for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***')
      return out
    },
  }
}
