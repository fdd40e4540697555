#!/usr/bin/env node
import { main, type Host } from './main.js'
import { parseCli, usage } from './cli-args.js'
import { plainText } from '../report/plain-text.js'

/** A terminal: plain log lines, outputs as `name=value`, the summary as Markdown. */
const terminalHost: Host = {
  log: {
    info: (message) => process.stderr.write(`${message}\n`),
    warning: (message, file) => process.stderr.write(`warning: ${file ? `${file}: ` : ''}${message}\n`),
    group: async (name, stage) => {
      const started = Date.now()
      process.stderr.write(`== ${name}\n`)
      try {
        return await stage()
      } finally {
        process.stderr.write(`== ${name}: ${((Date.now() - started) / 1000).toFixed(2)} s\n`)
      }
    },
  },
  mask: () => undefined,
  setOutput: (name, value) => process.stdout.write(`${name}=${value}\n`),
  summary: async (markdown) => void process.stderr.write(`\n${plainText(markdown)}\n`),
  fail: (message) => {
    process.stderr.write(`error: ${message}\n`)
    process.exitCode = 1
  },
  annotate: (message, file) => process.stderr.write(`warning: ${file ? `${file}: ` : ''}${message}\n`),
}

const parsed = parseCli(process.argv.slice(2))
if (parsed.kind === 'help') {
  process.stdout.write(usage)
} else if (parsed.kind === 'error') {
  process.stderr.write(`error: ${parsed.message}\n\n${usage}`)
  process.exitCode = 2
} else {
  await main(
    process.env,
    (name) => parsed.inputs.get(name) ?? (process.env[`INPUT_${name.toUpperCase()}`] ?? '').trim(),
    terminalHost,
  )
}
