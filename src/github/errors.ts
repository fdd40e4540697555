/** A GitHub API call failed for good (after any retries). The message never carries the token. */
export class GitHubApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when no response arrived (network failure, timeout). */
    readonly status: number,
    /** `METHOD /path` of the failed call. */
    readonly operation: string,
  ) {
    super(message)
    this.name = 'GitHubApiError'
  }
}

/** Replaces every occurrence of each secret (and of its basic-auth encoding) with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (!secret) continue
    for (const form of [secret, Buffer.from(`x-access-token:${secret}`).toString('base64')]) {
      out = out.split(form).join('***')
    }
  }
  return out
}
