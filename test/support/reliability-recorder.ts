import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** An HTTP server that records every request and answers 503: "nothing was uploaded" is "no request came". */
export interface Recorder {
  url: string
  requests: { method: string; url: string }[]
  close(): Promise<void>
}

export async function startRecorder(): Promise<Recorder> {
  const requests: Recorder['requests'] = []
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '' })
    req.resume()
    res.writeHead(503, { 'content-type': 'text/xml' })
    res.end('<status code="503"><summary>recorder</summary></status>')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
