import type { Logger } from '../pipeline/deps.js'

/**
 * A logger for one of several packages worked on side by side: every line carries the package's name,
 * and stages become timed lines instead of log groups (groups cannot interleave).
 */
export function prefixedLogger(log: Logger, name: string): Logger {
  const tag = `[${name}]`
  return {
    info: (message) => log.info(`${tag} ${message}`),
    warning: (message, file) => log.warning(`${tag} ${message}`, file),
    group: async (stage, work) => {
      const started = Date.now()
      try {
        return await work()
      } finally {
        log.info(`${tag} ${stage}: ${((Date.now() - started) / 1000).toFixed(2)} s`)
      }
    },
  }
}
