import type { ReleaseTag } from '../../pipeline/discover.js'
import { parseDep14Tag } from '../../versions/dep14.js'
import { isImportTagName } from '../../archive/refs.js'

/**
 * The Debian version a build starts from: a DEP-14 tag carries the whole version
 * (`debian/1%2.3-1` → `1:2.3-1`), as an archive import does; a plain upstream tag gets revision 1 unless the format is native.
 */
export function debianBaseVersion(tag: ReleaseTag, native: boolean): string {
  if (parseDep14Tag(tag.name) || isImportTagName(tag.name)) return tag.version
  return native ? tag.version : `${tag.version}-1`
}
