import { readFileSync } from 'node:fs'
const spec = JSON.parse(readFileSync('node_modules/@octokit/openapi/generated/api.github.com.json', 'utf8'))
const S = spec.components.schemas
function brief(s, depth = 0) {
  if (!s) return '?'
  if (s.$ref) return s.$ref.replace('#/components/schemas/', '→')
  if (s.allOf) return 'allOf(' + s.allOf.map((x) => brief(x, depth)).join(',') + ')' + (s.nullable ? '?' : '')
  if (s.anyOf) return 'anyOf(' + s.anyOf.map((x) => brief(x, depth)).join(',') + ')'
  if (s.oneOf) return 'oneOf(' + s.oneOf.map((x) => brief(x, depth)).join(',') + ')'
  let t = (Array.isArray(s.type) ? s.type.join('|') : s.type) + (s.nullable ? '?' : '') + (s.format ? ':' + s.format : '') + (s.enum ? JSON.stringify(s.enum) : '')
  if (s.type === 'object' && s.properties && depth < 2) {
    t += '{' + Object.entries(s.properties).filter(([k]) => (s.required ?? []).includes(k)).map(([k, v]) => k + ':' + brief(v, depth + 1)).join(', ') + '}'
    if (s.additionalProperties !== undefined) t += ' addl=' + JSON.stringify(s.additionalProperties)
  }
  if (s.type === 'array') t += '[' + brief(s.items, depth + 1) + ']'
  return t
}
for (const n of process.argv.slice(2)) console.log('#', n, brief(S[n]), '\n')
