import { XMLParser } from 'fast-xml-parser'

/** Escapes text for an XML attribute or element; names and messages are untrusted. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** A parsed element: attributes without prefix, child elements by name, text under `#text`. */
export type XmlNode = { [key: string]: string | XmlNode | XmlNode[] | undefined }

const repeated = new Set(['entry', 'result', 'status', 'revision'])

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Decodes the five XML entities and numeric character references (the parser's own decoder caps expansions). */
export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return named[ref] ?? whole
  })
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  attributeValueProcessor: (_name, value) => decodeXml(value),
  tagValueProcessor: (_name, value) => decodeXml(value),
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && repeated.has(name),
})

/** Parses an OBS reply and returns its root element, checking the root's name. */
export function parseRoot(xml: string, rootName: string): XmlNode {
  let doc: unknown
  try {
    doc = parser.parse(xml)
  } catch (error) {
    throw new Error(`OBS sent invalid XML (expected <${rootName}>): ${(error as Error).message}`)
  }
  const found = (doc as Record<string, unknown> | undefined)?.[rootName]
  // a root named like a repeated element (an error's <status>) parses as a one-element list
  const root: unknown = Array.isArray(found) ? found[0] : found
  if (root === undefined) throw new Error(`OBS sent no <${rootName}> document: ${xml.slice(0, 200)}`)
  // an empty element parses as '' (or as text): treat it as an element without content
  return typeof root === 'object' && root !== null ? (root as XmlNode) : {}
}

/** The child elements named `name` (always a list). */
export function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name]
  if (value === undefined || typeof value === 'string') return value === undefined ? [] : [{ '#text': value }]
  return Array.isArray(value) ? value : [value]
}

/** An attribute's value, or undefined. */
export function attr(node: XmlNode, name: string): string | undefined {
  const value = node[name]
  return typeof value === 'string' ? value : undefined
}

/** The text of a child element (e.g. `<summary>`), or undefined. */
export function childText(node: XmlNode, name: string): string | undefined {
  const value = node[name]
  if (typeof value === 'string') return value
  if (value && !Array.isArray(value)) return typeof value['#text'] === 'string' ? value['#text'] : undefined
  return undefined
}

/** The `<summary>` of an OBS `<status>` error document, if the text is one. */
export function statusSummary(xml: string): string | undefined {
  if (!/^\s*(<\?xml[^>]*>\s*)?<status[\s>]/.test(xml)) return undefined
  try {
    return childText(parseRoot(xml, 'status'), 'summary')?.trim()
  } catch {
    return undefined
  }
}
