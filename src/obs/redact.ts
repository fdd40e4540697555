/** Replaces every known secret in a text with `***`; secrets learnt later (cookies, signatures) are added. */
export interface Redactor {
  add(secret: string | undefined): void
  redact(text: string): string
}

const minLength = 4

export function createRedactor(): Redactor {
  const secrets = new Set<string>()
  const add = (secret: string | undefined): void => {
    // shorter strings are no secret worth the damage: redacting "x" would mangle every "tar.xz"
    if (!secret || secret.length < minLength) return
    secrets.add(secret)
    // a multi-line secret (a private key) may surface one line at a time
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 16) secrets.add(line.trim())
  }
  return {
    add,
    redact(text) {
      let out = text
      // longest first, so a secret containing another is replaced whole
      for (const secret of [...secrets].sort((a, b) => b.length - a.length))
        out = out.split(secret).join('***')
      return out
    },
  }
}
