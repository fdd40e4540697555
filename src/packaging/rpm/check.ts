import type { GitRepo } from '../../git/repo.js'
import type { PatchCheck } from '../packager.js'
import { withTempDir } from '../debian/temp.js'
import { prepSources } from './rpmbuild.js'
import { findSpec } from './spec-file.js'
import { ALWAYS_EXCLUDED, packagingFiles, stageSources, stageSpec } from './stage.js'

/**
 * After a rebase: do the spec's patches still apply with fuzz 0? Runs %prep (`rpmbuild -bp`) on a
 * Source0 made from the head's tree without the packaging files (upstream plus the downstream code
 * commits). A patch that fails is a conflict value naming it; specs without patches need no run.
 */
export async function checkSpecPatches(repo: GitRepo, head: string): Promise<PatchCheck> {
  const specName = await findSpec(repo, head)
  const text = (await repo.readFile(head, specName)) ?? ''
  return withTempDir('rpm-check', async (dir) => {
    const staged = await stageSpec(dir, specName, text)
    if (staged.info.patches.length === 0) return { kind: 'ok', head, dropped: [] }
    const exclude = [...packagingFiles(specName, staged.info), ...ALWAYS_EXCLUDED]
    await stageSources(repo, head, staged, { revision: head, exclude })
    const prep = await prepSources(
      staged.topdir,
      staged.specPath,
      staged.info.patches.map((patch) => patch.file),
      staged.info.setupDir,
    )
    if (prep.kind === 'ok') return { kind: 'ok', head, dropped: [] }
    return {
      kind: 'conflict',
      head,
      failed: { kind: 'patch', name: prep.patch, output: prep.output },
      files: prep.files,
    }
  })
}
