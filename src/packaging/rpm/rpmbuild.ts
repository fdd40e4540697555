import { readFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import type { ConflictFile } from '../../git/rebase-types.js'
import { CommandError, run } from '../../process/run.js'
import { parsePatchOutput } from '../debian/patch-output.js'
import type { Topdir } from './topdir.js'

/**
 * `rpmbuild -bs`: the source rpm, reproducible: build time and host fixed, file times clamped to
 * `epoch`, and the topdir given as `.` (rpmbuild runs in it), because the header keeps the expanded
 * scripts and with them every path under the topdir. Returns its path.
 */
export async function buildSrpm(topdir: Topdir, specPath: string, epoch: number): Promise<string> {
  const defines = [
    ['_topdir', '.'],
    ['use_source_date_epoch_as_buildtime', '1'],
    ['clamp_mtime_to_source_date_epoch', '1'],
    ['_buildhost', 'patch-carrier'],
  ].flatMap(([name, value]) => ['--define', `${name} ${value}`])
  const result = await run('rpmbuild', ['-bs', ...defines, relative(topdir.root, specPath)], {
    cwd: topdir.root,
    env: { LC_ALL: 'C', SOURCE_DATE_EPOCH: String(epoch) },
  })
  const written = /^Wrote: (.+\.src\.rpm)$/m.exec(result.stdout)?.[1]
  if (!written)
    throw new Error(`rpmbuild -bs did not report the source rpm it wrote:\n${result.stdout.trim()}`)
  return resolve(topdir.root, written)
}

/** `rpmbuild -bp`: %prep ran, or a patch did not apply (with fuzz 0). */
export type PrepResult =
  { kind: 'ok' } | { kind: 'patch-failed'; patch: string; output: string; files: ConflictFile[] }

/**
 * Runs %prep (`rpmbuild -bp --nodeps`) in the topdir: unpacks the sources and applies the patches
 * with fuzz 0. A patch that does not apply is a value naming it (one of `patchFiles`), with the files
 * it failed on and their rejected hunks; any other failure throws with rpmbuild's words.
 */
export async function prepSources(
  topdir: Topdir,
  specPath: string,
  patchFiles: readonly string[],
  setupDir: string | undefined,
): Promise<PrepResult> {
  const args = ['-bp', '--nodeps', ...topdir.defines, specPath]
  const result = await run('rpmbuild', args, { env: { LC_ALL: 'C' }, okCodes: [0, 1] })
  if (result.code === 0) return { kind: 'ok' }
  // %prep runs under `sh -x`: the trace (stderr) shows the last command, and the patch it was fed.
  const trace = result.stderr.split('\n').filter((line) => line.startsWith('+ '))
  const last = trace[trace.length - 1] ?? ''
  const patch = [...trace].reverse().flatMap((line) => patchFiles.filter((file) => mentions(line, file)))[0]
  if (!patch || !(/(^\+ |\/)patch\s/.test(last) || mentions(last, patch))) {
    throw new CommandError('rpmbuild', args, result)
  }
  const output = failingPatchOutput(result.stdout, patch)
  const parsed = parsePatchOutput(output)
  const rejected = [...output.matchAll(/saving rejects to file (.+)\.rej$/gm)].map((match) => match[1]!)
  const paths = [...new Set([...parsed.files, ...rejected])]
  const files = await Promise.all(
    paths.map(async (path) => ({
      path,
      hunks: setupDir
        ? await readFile(join(topdir.build, setupDir, `${path}.rej`), 'utf8').catch(() => output)
        : output,
    })),
  )
  return {
    kind: 'patch-failed',
    patch,
    output: parsed.reason ? `${parsed.reason}\n${output}` : output,
    files,
  }
}

/**
 * What GNU patch said about the failing patch, out of everything %prep printed: after rpm's last
 * `Patch #N (file):` echo when there is one (%patch), and never the listing `tar -xvv` prints for
 * %setup without -q (its sources, `-a`/`-b` ones too).
 */
function failingPatchOutput(stdout: string, patch: string): string {
  const lines = stdout.split('\n')
  const echo = lines.findLastIndex((line) => /^Patch #\d+ \((.*)\):$/.exec(line)?.[1] === patch)
  return lines
    .slice(echo + 1)
    .filter((line) => !/^(Executing\(%prep\)|Patch #\d+ \(|RPM build (errors|warnings):)/.test(line))
    .filter((line) => !tarListing.test(line))
    .join('\n')
    .trim()
}

/** A line of `tar -tvv`/`-xvv`: mode, owner/group, size (or device), date, time, name. */
const tarListing = /^[-dlcbps][-rwxsStT]{9} \S+\/\S+ +[\d,]+ \d{4}-\d\d-\d\d \d\d:\d\d /

/** Whether a trace line names the patch file (as an argument or in rpm's `Patch #N (file):` echo). */
function mentions(line: string, file: string): boolean {
  return line.includes(`/${file}`) || line.includes(`(${file})`)
}
