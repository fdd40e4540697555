import type { Packager } from './packager.js'

/** No packaging: the branch is rebased and pushed, nothing is built. */
export const nonePackager: Packager = {
  kind: 'none',
  tools: [],
  resolvers: [],
  checkPatches: async (_repo, head) => ({ kind: 'ok', head, dropped: [] }),
  build: async (request) => ({
    version: request.versionFor(request.upstreamTag.version),
    files: [],
    notes: ['packaging: none, nothing built'],
  }),
}
