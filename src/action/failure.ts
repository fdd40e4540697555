/** Errors that mean a bug in patch-carrier rather than a state the user can fix. */
const internal = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError'])

/**
 * The one message a failed run shows: the error's own words when it has them; an internal error says it
 * is one (its stack goes to the log, never as the only message); a thrown non-Error or an empty message
 * still becomes a sentence.
 */
export function describeFailure(error: unknown): { message: string; stack?: string } {
  if (!(error instanceof Error)) return { message: `Unexpected failure: ${String(error)}` }
  const words = error.message.trim() || `${error.name} without a message`
  if (!internal.has(error.name)) return { message: words }
  return {
    message: `Internal error in patch-carrier (please report it with this log): ${error.name}: ${words}`,
    stack: error.stack,
  }
}
