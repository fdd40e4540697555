import { readFile } from 'node:fs/promises'
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml'
import { SettingsError } from '../action/settings.js'
import { packageInputs, packageName, secretInputs } from './keys.js'
import { urlInputs } from '../action/inputs.js'
import { carriesCredentials, credentialsRefusal } from '../urls/credentials.js'

/** Input name → raw value, as a step's `with:` would give it. */
export type InputValues = Readonly<Record<string, string>>

/**
 * A multi-package config file (e.g. `.github/patch-carrier.yml`):
 *
 * ```yaml
 * defaults:            # inputs every package shares (optional)
 *   upstream-tags: debian/*
 *   obs-project: home:chatmail
 * packages:            # name → inputs of that package
 *   dovecot:
 *     remote-url: https://github.com/chatmail/dovecot.git
 *     upstream-url: https://salsa.debian.org/debian/dovecot.git
 * ```
 */
export interface ConfigFile {
  /** The path as given (for messages). */
  path: string
  defaults: InputValues
  /** In file order. */
  packages: ReadonlyMap<string, InputValues>
}

const fail = (path: string, message: string): never => {
  throw new SettingsError('config', `${path}: ${message}`)
}

/** Reads and validates a config file; every problem is a SettingsError naming the input `config`. */
export async function loadConfigFile(path: string, shownAs = path): Promise<ConfigFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    return fail(shownAs, readFailure(error as NodeJS.ErrnoException))
  }
  return parseConfig(text, shownAs)
}

/** Why the file could not be read, in words: only a missing file means the checkout is missing. */
function readFailure(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT')
    return 'does not exist: check out the repository first (actions/checkout), or fix the path'
  if (error.code === 'EISDIR') return 'is a directory: name the config file in it'
  // the system's words without the absolute path it adds (`EACCES: permission denied, open '/…'`)
  const words = (error.message || String(error)).replace(/, \w+ '.*'$/, '')
  return `cannot be read: ${words}`
}

/** Parses the text of a config file (YAML). */
export function parseConfig(text: string, path: string): ConfigFile {
  // failsafe: every scalar stays the text it was written as (`1.10` is not the number 1.1)
  const document = parseDocument(text, { schema: 'failsafe', prettyErrors: false })
  if (document.errors.length > 0) fail(path, `is not valid YAML: ${document.errors[0]!.message}`)
  const root = document.contents
  if (!isMap(root)) return fail(path, 'must be a mapping with `packages:` (and optionally `defaults:`)')
  let defaults: InputValues = {}
  let packages: Map<string, InputValues> | undefined
  for (const pair of root.items) {
    const key = keyOf(pair.key, path, 'top level')
    if (key === 'defaults') defaults = inputValues(pair.value as Node, path, 'defaults')
    else if (key === 'packages') packages = packageEntries(pair.value as Node, path)
    else fail(path, `unknown top-level key '${key}' (expected packages and defaults)`)
  }
  if (!packages || packages.size === 0)
    return fail(path, 'lists no packages (`packages:` is empty or missing)')
  return { path, defaults, packages }
}

function keyOf(node: unknown, path: string, where: string): string {
  if (!isScalar(node) || typeof node.value !== 'string')
    return fail(path, `${where}: keys must be plain names`)
  return node.value
}

function packageEntries(node: Node | null, path: string): Map<string, InputValues> {
  if (!isMap(node)) return fail(path, '`packages:` must map package names to their inputs')
  const packages = new Map<string, InputValues>()
  for (const pair of node.items) {
    const name = keyOf(pair.key, path, 'packages')
    if (!packageName.test(name)) {
      fail(
        path,
        `package name '${name}' may hold letters, digits, '.', '_', '+', '-' (starting with a letter or digit)`,
      )
    }
    packages.set(name, inputValues(pair.value as Node | null, path, `packages.${name}`))
  }
  return packages
}

function inputValues(node: Node | null, path: string, where: string): InputValues {
  if (node === null || (isScalar(node) && node.value === '')) return {}
  if (!isMap(node)) return fail(path, `${where} must be a mapping of input names to values`)
  const values: Record<string, string> = {}
  for (const pair of node.items) {
    const input = keyOf(pair.key, path, where)
    if (secretInputs.has(input)) {
      fail(
        path,
        `${where}.${input}: secrets do not belong in a file of the repository; give ${input} as a step input from a secret`,
      )
    }
    if (!packageInputs.has(input)) {
      fail(
        path,
        `${where}.${input}: not an input a package can set (these can: ${[...packageInputs].join(', ')}); ` +
          'mode, dry-run, upstream-tag and the directories are inputs of the step',
      )
    }
    const value = valueOf(pair.value as Node | null, path, `${where}.${input}`)
    // named here, where the file and entry are known; the settings would name only the input
    if (urlInputs.has(input) && carriesCredentials(value))
      fail(path, `${where}.${input}: ${credentialsRefusal(input)}`)
    values[input] = value
  }
  return values
}

/** Scalars as their text; a list of scalars as newline-separated lines (as list inputs take them). */
function valueOf(node: Node | null, path: string, where: string): string {
  if (node === null) return ''
  if (isScalar(node)) return String(node.value ?? '')
  if (isSeq(node)) {
    return node.items
      .map((item) => {
        if (!isScalar(item)) {
          return fail(path, `${where}: list items must be plain values`)
        }
        return String(item.value ?? '')
      })
      .join('\n')
  }
  return fail(path, `${where}: must be a value or a list of values`)
}
