import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

/**
 * GitHub's published REST description (@octokit/openapi, api.github.com) as a request/response checker.
 * The 13 MB document is parsed once per process; schemas are compiled lazily, per operation, and only the
 * components an operation references are handed to ajv.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

interface Spec {
  paths: Record<string, JsonObject>
  components: {
    schemas: Record<string, JsonObject>
    parameters: Record<string, JsonObject>
    responses: Record<string, JsonObject>
  }
}

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required: boolean
  schema: JsonObject
}

export interface Operation {
  id: string
  method: string
  /** The path template, e.g. `/repos/{owner}/{repo}/pulls`. */
  path: string
  parameters: Parameter[]
  raw: JsonObject
}

export interface RouteMatch {
  operation: Operation
  pathParams: Record<string, string>
}

const SCHEMA_BASE = 'https://api.github.com/openapi/schemas/'

let specCache: Spec | undefined

/** The parsed description, read from node_modules once per process. */
export function loadSpec(): Spec {
  if (!specCache) {
    const require = createRequire(import.meta.url)
    const dir = dirname(require.resolve('@octokit/openapi/package.json'))
    specCache = JSON.parse(readFileSync(join(dir, 'generated', 'api.github.com.json'), 'utf8')) as Spec
  }
  return specCache
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

interface CompiledRoute {
  regex: RegExp
  names: string[]
  literals: number
  path: string
}

/** Checks requests and responses against the description. Methods return problems; empty = valid. */
export class OpenApiValidator {
  private readonly spec = loadSpec()
  private readonly ajv: Ajv
  private readonly added = new Set<string>()
  private readonly compiled = new Map<string, ValidateFunction>()
  private readonly routes: CompiledRoute[]

  constructor() {
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateSchema: false,
      logger: false,
      inlineRefs: false,
    })
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
    addFormats(this.ajv)
    this.ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/)
    this.ajv.addFormat('timestamp', true)
    this.routes = Object.keys(this.spec.paths).map((path) => {
      const names: string[] = []
      const source = path
        .split('/')
        .map((segment) => {
          const param = /^\{(.+)\}$/.exec(segment)
          if (param?.[1]) {
            names.push(param[1])
            return '([^/]+)'
          }
          return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        })
        .join('/')
      return {
        regex: new RegExp(`^${source}$`),
        names,
        literals: path.split('/').length - names.length,
        path,
      }
    })
  }

  /** The operation for a method and path; the template with the most literal segments wins. */
  match(method: string, pathname: string): RouteMatch | undefined {
    let best: { route: CompiledRoute; values: string[] } | undefined
    for (const route of this.routes) {
      const found = route.regex.exec(pathname)
      if (!found || !this.spec.paths[route.path]?.[method.toLowerCase()]) continue
      if (!best || route.literals > best.route.literals) best = { route, values: found.slice(1) }
    }
    if (!best) return undefined
    const pathParams: Record<string, string> = {}
    best.route.names.forEach((name, index) => {
      pathParams[name] = decodeURIComponent(best.values[index] ?? '')
    })
    return { operation: this.operation(best.route.path, method.toLowerCase()), pathParams }
  }

  private operation(path: string, method: string): Operation {
    const item = this.spec.paths[path] ?? {}
    const raw = item[method] as JsonObject
    const params = [...((item.parameters as Json[]) ?? []), ...((raw.parameters as Json[]) ?? [])]
    return {
      id: String(raw.operationId),
      method: method.toUpperCase(),
      path,
      raw,
      parameters: params.map((param) => {
        const resolved = this.deref(param, 'parameters')
        return {
          name: String(resolved.name),
          in: resolved.in as Parameter['in'],
          required: resolved.required === true,
          schema: isObject(resolved.schema) ? resolved.schema : {},
        }
      }),
    }
  }

  /** Follows a `#/components/<kind>/<name>` reference (parameters, responses). */
  private deref(value: Json | undefined, kind: 'parameters' | 'responses'): JsonObject {
    if (isObject(value) && typeof value.$ref === 'string') {
      const name = value.$ref.replace(`#/components/${kind}/`, '')
      return this.spec.components[kind][name] ?? {}
    }
    return isObject(value) ? value : {}
  }

  /** Makes `#/components/schemas/X` available to ajv under an absolute id (and, in turn, its references). */
  private component(name: string): string {
    const id = SCHEMA_BASE + encodeURIComponent(name)
    if (!this.added.has(name)) {
      this.added.add(name)
      const schema = this.spec.components.schemas[name]
      if (!schema) throw new Error(`OpenAPI: no component schema ${name}`)
      this.ajv.addSchema(this.prepare(schema, false) as object, id)
    }
    return id
  }

  /**
   * A copy of an OpenAPI 3.0 schema that ajv understands: references made absolute, `nullable` without
   * `type` turned into `anyOf [null, …]`, null added to enums of nullable values. With `closed`, inline
   * object schemas (not through references, not under allOf) reject unknown properties: GitHub ignores a
   * misspelled request field silently, the stand-in does not.
   */
  private prepare(schema: Json, closed: boolean): Json {
    if (Array.isArray(schema)) return schema.map((item) => this.prepare(item, closed))
    if (!isObject(schema)) return schema
    if (typeof schema.$ref === 'string') {
      return { $ref: this.component(schema.$ref.replace('#/components/schemas/', '')) }
    }
    const out: JsonObject = {}
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'example' || key === 'examples' || key === 'description') continue
      if (key === 'properties' && isObject(value)) {
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, sub]) => [name, this.prepare(sub, closed)]),
        )
      } else {
        out[key] = this.prepare(value, closed && key !== 'allOf')
      }
    }
    if (
      closed &&
      out.type === 'object' &&
      isObject(out.properties) &&
      out.additionalProperties === undefined
    ) {
      out.additionalProperties = false
    }
    if (out.nullable === true) {
      delete out.nullable
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
      if (out.type === undefined) return { anyOf: [{ type: 'null' }, out] }
      out.type = Array.isArray(out.type) ? [...out.type, 'null'] : [out.type as string, 'null']
    }
    return out
  }

  private validator(key: string, schema: () => Json): ValidateFunction {
    let validate = this.compiled.get(key)
    if (!validate) {
      validate = this.ajv.compile(schema() as object)
      this.compiled.set(key, validate)
    }
    return validate
  }

  private check(key: string, schema: () => Json, value: unknown, where: string): string[] {
    const validate = this.validator(key, schema)
    return validate(value) ? [] : formatErrors(validate.errors, where)
  }

  /** Problems with a request: path parameters, query parameters, JSON body. */
  validateRequest(
    match: RouteMatch,
    query: URLSearchParams,
    body: { text: string; contentType?: string },
  ): string[] {
    const { operation } = match
    const problems: string[] = []
    for (const param of operation.parameters.filter((p) => p.in === 'path')) {
      const value = match.pathParams[param.name]
      problems.push(
        ...this.check(
          `${operation.id} path ${param.name}`,
          () => this.prepare(param.schema, false),
          coerce(value, param.schema),
          `path parameter ${param.name}`,
        ),
      )
    }
    const queryParams = operation.parameters.filter((p) => p.in === 'query')
    for (const name of new Set(query.keys())) {
      const param = queryParams.find((p) => p.name === name)
      if (!param) {
        problems.push(`unknown query parameter ${JSON.stringify(name)}`)
        continue
      }
      const values = query.getAll(name)
      const value =
        param.schema.type === 'array'
          ? values.map((v) => coerce(v, (param.schema.items as JsonObject) ?? {}))
          : coerce(values[0], param.schema)
      problems.push(
        ...this.check(
          `${operation.id} query ${name}`,
          () => this.prepare(param.schema, false),
          value,
          `query parameter ${name}`,
        ),
      )
    }
    for (const param of queryParams.filter((p) => p.required && !query.has(p.name))) {
      problems.push(`missing required query parameter ${param.name}`)
    }
    problems.push(...this.validateBody(operation, body))
    return problems
  }

  private validateBody(operation: Operation, body: { text: string; contentType?: string }): string[] {
    const requestBody = operation.raw.requestBody
    if (!isObject(requestBody))
      return body.text.trim() ? ['request has a body, but the operation takes none'] : []
    if (!body.text.trim()) return requestBody.required === true ? ['missing required request body'] : []
    const content = isObject(requestBody.content) ? requestBody.content : {}
    const media = content['application/json']
    if (!isObject(media)) return [`operation takes ${Object.keys(content).join(', ')}, not JSON`]
    if (!/^application\/json\b/.test(body.contentType ?? ''))
      return [`JSON body sent as ${body.contentType ?? 'no content type'}`]
    let parsed: unknown
    try {
      parsed = JSON.parse(body.text)
    } catch {
      return ['request body is not valid JSON']
    }
    return this.check(
      `${operation.id} body`,
      () => this.prepare(media.schema ?? {}, true),
      parsed,
      'request body',
    )
  }

  /** Problems with a response: its status must be documented (or be an error) and its body match. */
  validateResponse(operation: Operation, status: number, body: unknown): string[] {
    const responses = isObject(operation.raw.responses) ? operation.raw.responses : {}
    const documented = responses[String(status)] ?? responses.default
    if (documented === undefined) {
      if (status < 400) return [`status ${status} is not documented for ${operation.id}`]
      // Undocumented error statuses (5xx, 401, rate limits) carry GitHub's basic error object.
      return this.check(
        'basic-error',
        () => ({ $ref: this.component('basic-error') }),
        body,
        `${status} response body`,
      )
    }
    const response = this.deref(documented, 'responses')
    const media = isObject(response.content) ? response.content['application/json'] : undefined
    if (!isObject(media))
      return body === undefined ? [] : [`status ${status} of ${operation.id} has no body, but one was sent`]
    return this.check(
      `${operation.id} response ${status}`,
      () => this.prepare(media.schema ?? {}, false),
      body,
      `${status} response body`,
    )
  }
}

/** Query and path values arrive as strings; give them the schema's type before validating. */
function coerce(value: string | undefined, schema: JsonObject): unknown {
  if (value === undefined) return undefined
  const type = schema.type
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value)
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true'
  return value
}

function formatErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).slice(0, 8).map((error) => {
    const extra =
      error.params && 'additionalProperty' in error.params
        ? ` (${String(error.params.additionalProperty)})`
        : ''
    return `${where}${error.instancePath ? ` at ${error.instancePath}` : ''}: ${error.message ?? error.keyword}${extra}`
  })
}
