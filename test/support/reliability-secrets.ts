import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { basicAuthValue } from '../../src/github/git-auth.js'
import { filesContaining } from './github-fork.js'

export interface Sentinels {
  githubToken?: string
  obs?: { user: string; password?: string; sshKey?: string }
  /** Credentials a server issued or saw (session cookies, signatures). */
  derived?: readonly string[]
  /** Runner secrets in the environment (ACTIONS_RUNTIME_TOKEN, …). */
  environment?: readonly string[]
}

/** Every form a secret could leak in: as is, as basic-auth values, a key line by line, URL-encoded. */
export function secretForms(sentinels: Sentinels): string[] {
  const forms = new Set<string>()
  const add = (value: string | undefined): void => {
    if (value && value.length >= 8) forms.add(value)
  }
  if (sentinels.githubToken) {
    add(sentinels.githubToken)
    add(basicAuthValue(sentinels.githubToken))
  }
  const obs = sentinels.obs
  if (obs?.password) {
    add(obs.password)
    add(encodeURIComponent(obs.password))
    add(Buffer.from(`${obs.user}:${obs.password}`).toString('base64'))
  }
  for (const line of obs?.sshKey?.split('\n') ?? []) if (line.trim().length >= 16) add(line.trim())
  for (const value of [...(sentinels.derived ?? []), ...(sentinels.environment ?? [])]) add(value)
  return [...forms]
}

export interface ScanTargets {
  /** Named texts: logs, outputs, summaries, commit messages, pull request bodies. */
  texts: Record<string, string>
  /** Directories scanned file by file (work and output directories, a server's stored data). */
  dirs: readonly string[]
}

/** Where any form of any sentinel shows up; the runner's `::add-mask::` lines are its masking protocol, not output. */
export async function findSecrets(forms: readonly string[], targets: ScanTargets): Promise<string[]> {
  const hits: string[] = []
  for (const [name, text] of Object.entries(targets.texts)) {
    const shown = text.replace(/^::add-mask::.*$/gm, '')
    for (const [index, form] of forms.entries())
      if (shown.includes(form)) hits.push(`${name} (secret form ${index})`)
  }
  for (const dir of targets.dirs) {
    for (const [index, form] of forms.entries()) {
      // a directory removed meanwhile (another test's temporary directory) holds nothing of ours; any
      // other failure to read is a scan that did not happen, never "no secret found"
      const files = await filesContaining(dir, form).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return []
        throw error
      })
      for (const file of files) hits.push(`${file} (secret form ${index})`)
    }
  }
  return hits
}

/** The action's own temporary directories (`patch-carrier-*` in the system temp dir) that exist now. */
export async function actionTempDirs(): Promise<string[]> {
  return (await readdir(tmpdir()))
    .filter((name) => name.startsWith('patch-carrier-'))
    .map((name) => join(tmpdir(), name))
}
