import { it } from 'vitest'
import { OpenApiValidator, loadSpec } from '../support/github-openapi.js'
it('timing', () => {
  let t = Date.now()
  loadSpec()
  console.log('load', Date.now() - t)
  const v = new OpenApiValidator()
  t = Date.now()
  const m = v.match('POST', '/repos/a/b/pulls')!
  console.log('match', Date.now() - t)
  for (const [op, path, status] of [['POST', '/repos/a/b/pulls', 201], ['GET', '/repos/a/b/pulls', 200], ['GET', '/repos/a/b', 200], ['POST', '/repos/a/b/issues/1/comments', 201]] as const) {
    t = Date.now()
    v.validateResponse(v.match(op, path)!.operation, status, {})
    console.log(op, path, Date.now() - t)
  }
  void m
})
