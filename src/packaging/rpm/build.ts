import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { BuildRequest, BuildResult } from '../packager.js'
import { changelogChanges } from '../debian/changelog-changes.js'
import { exportCommitPatches, type CommitPatch } from '../debian/export-patches.js'
import { newestChangelogDate, prependRpmChangelog } from './changelog.js'
import { changelogEntryDate } from '../entry-date.js'
import { buildSrpm, prepSources } from './rpmbuild.js'
import { addPatches, setRelease, setVersion } from './spec-edit.js'
import { findSpec } from './spec-file.js'
import { specEntries } from './spec-info.js'
import { ALWAYS_EXCLUDED, packagingFiles, stageSources, stageSpec, type StagedSpec } from './stage.js'
import { rpmVersionFor } from './version.js'

/**
 * Builds the RPM source package of the head: the spec with Version/Release/%changelog set, Source0
 * from the upstream tag, the downstream commits to upstream files as `-p1` patches (PatchN lines,
 * and %patch lines for classic specs), checked by %prep at fuzz 0, and the .src.rpm. Every file is
 * copied to output-dir: the spec first, then Source0, the other sources, the patches, the .src.rpm.
 */
export async function buildRpm(request: BuildRequest): Promise<BuildResult> {
  const { repo, head, settings, upstreamTag } = request
  const specName = await findSpec(repo, head)
  const original = (await repo.readFile(head, specName)) ?? ''
  const version = rpmVersionFor(upstreamTag, request.versionFor)
  // never before the upstream release or the carried commits; and, as rpm drops changelog entries that
  // are not newest first, never before the top one
  const date = await changelogEntryDate(repo, upstreamTag, head, newestChangelogDate(original))
  let text = prependRpmChangelog(setRelease(setVersion(original, version.version), version.release), {
    date,
    maintainer: `${settings.maintainer.name} <${settings.maintainer.email}>`,
    versionRelease: version.full,
    items: await changelogChanges(request),
  })
  const staged = await stageSpec(join(request.scratchDir, 'rpmbuild'), specName, text)
  const packaging = packagingFiles(specName, staged.info)
  const exported = await exportCommitPatches({
    repo,
    base: upstreamTag.commit,
    head,
    exclude: [...packaging, ...ALWAYS_EXCLUDED],
    taken: new Set(packaging),
  })
  // Numbers after every Patch line, also those in conditional branches rpm skipped here (OBS may not).
  const used = [...staged.info.patches, ...specEntries(original).patches].map((patch) => patch.number)
  const first = Math.max(-1, ...used) + 1
  text = addPatches(
    text,
    exported.patches.map((patch, index) => ({ number: first + index, file: patch.name })),
    'Downstream commits to upstream files, exported by patch-carrier',
  )
  await writeFile(staged.specPath, text)

  const sources = await stagePrepared(request, staged, exported.patches)
  const srpm = await buildSrpm(staged.topdir, staged.specPath, Math.floor(date.getTime() / 1000))
  const files = await copyInto(resolve(settings.outputDir), [staged.specPath, ...sources, srpm])
  const notes = [`${basename(sources[0]!)} from git archive of ${upstreamTag.name}`]
  if (exported.patches.length > 0) {
    notes.push(
      `upstream files changed by downstream commits, exported as spec patches: ${exported.patches.map((p) => p.name).join(', ')}` +
        (exported.combined ? ' (one combined patch: the history has merges)' : ''),
    )
  }
  // OBS builds from the spec and its sources; the .src.rpm is for people and the files output.
  return { version: version.full, files, publish: files.filter((file) => !file.endsWith('.src.rpm')), notes }
}

/** The sources and `patches` staged in SOURCES, checked by `rpmbuild -bp` at fuzz 0; Source0 first. */
async function stagePrepared(
  request: BuildRequest,
  staged: StagedSpec,
  patches: readonly CommitPatch[],
): Promise<string[]> {
  const sources = await stageSources(request.repo, request.head, staged, {
    revision: request.upstreamTag.commit,
    exclude: ALWAYS_EXCLUDED,
  })
  for (const patch of patches) {
    await writeFile(join(staged.topdir.sources, patch.name), patch.text)
    sources.push(join(staged.topdir.sources, patch.name))
  }
  const patchFiles = [...staged.info.patches.map((patch) => patch.file), ...patches.map((p) => p.name)]
  const prep = await prepSources(staged.topdir, staged.specPath, patchFiles, staged.info.setupDir)
  if (prep.kind === 'patch-failed') {
    throw new Error(
      `rpmbuild -bp: patch ${prep.patch} does not apply with fuzz 0 to Source0 made from ${request.upstreamTag.name}:\n${prep.output}`,
    )
  }
  return sources
}

/** Copies `files` into `outDir` (created when absent), in order; returns the copies. */
async function copyInto(outDir: string, files: readonly string[]): Promise<string[]> {
  await mkdir(outDir, { recursive: true })
  const copies: string[] = []
  for (const file of files) {
    const target = join(outDir, basename(file))
    await copyFile(file, target)
    copies.push(target)
  }
  return copies
}
