import { it } from 'vitest'
import { oscCommit } from '../support/obs-fixtures.js'
import { startObsServer } from '../support/obs-server.js'
import { createObsClient } from '../../src/obs/index.js'
import { filesOf } from '../support/obs-fixtures.js'

it('scratch', async () => {
  const server = await startObsServer()
  try {
    await server.createProject('home:x')
    const obs = createObsClient({ apiUrl: server.apiUrl, auth: { user: 'u', password: 'p' }, log: (l) => console.log(l) })
    await obs.publish({ project: 'home:x', package: 'p', files: await filesOf({ a: 'a' }), message: 'm', create: true })
    console.log('published')
    const t = Date.now()
    await oscCommit(server, 'home:x', 'p', { _service: '<services>\n  <service name="download_files" mode="manual"/>\n</services>\n', 'notes.txt': 'x' }, 'svc')
    console.log('osc commit', Date.now() - t)
  } finally {
    await server.stop()
  }
}, 30000)
