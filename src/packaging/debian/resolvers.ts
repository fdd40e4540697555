import type { MergeResolver } from '../../git/rebase-types.js'
import { mergeChangelogs } from './merge-changelog.js'
import { mergeSeries } from './series.js'

/** debian/patches/series: upstream's list first, downstream additions after, removals honoured. */
export const seriesResolver: MergeResolver = {
  matches: (path) => path === 'debian/patches/series',
  resolve: async (base, ours, theirs) => ({
    text: mergeSeries(base ?? '', ours ?? '', theirs ?? '').text,
    conflict: false,
  }),
}

/** debian/changelog: entries from both sides, merged the way dpkg-mergechangelogs does. */
export const changelogResolver: MergeResolver = {
  matches: (path) => path === 'debian/changelog',
  resolve: (base, ours, theirs) => mergeChangelogs(base ?? '', ours ?? '', theirs ?? ''),
}
