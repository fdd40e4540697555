import type { Packager } from '../packager.js'
import { buildRpm } from './build.js'
import { checkSpecPatches } from './check.js'

/** RPM source packages from a top-level `*.spec`: Version/Release/%changelog, Source0, patches, .src.rpm. */
export const rpmPackager: Packager = {
  kind: 'rpm',
  tools: ['rpmbuild', 'rpmspec', 'patch', 'gzip'],
  resolvers: [],
  checkPatches: (repo, head) => checkSpecPatches(repo, head),
  build: buildRpm,
}
