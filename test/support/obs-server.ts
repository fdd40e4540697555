import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, open, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { run } from '../../src/process/run.js'
import { tempDir } from './tmp.js'

/** A private real OBS backend source server (bs_srcserver) on 127.0.0.1, and the real osc against it. */
export interface ObsTestServer {
  apiUrl: string
  dir: string
  /** Runs the real `osc` with a private oscrc/HOME; returns stdout. */
  osc(args: readonly string[], options?: { cwd?: string }): Promise<string>
  /** Creates a project through `PUT /source/P/_meta`. */
  createProject(name: string): Promise<void>
  stop(): Promise<void>
}

const srcserver = '/usr/lib/obs/server/bs_srcserver'
// /usr/bin/osc's shebang; named explicitly so a pyenv python3 on PATH cannot shadow it
const oscCommand = ['/usr/bin/python3', '/usr/bin/osc'] as const

/** Starts a server in a temp dir; call stop() in afterAll (it kills the whole process group). */
export async function startObsServer(): Promise<ObsTestServer> {
  const dir = await tempDir('pc-obs-server-')
  for (let tries = 1; ; tries++) {
    const port = await freePort()
    const child = await spawnServer(dir, port)
    if (await ready(`http://127.0.0.1:${port}`, child)) return handle(dir, port, child)
    await stopGroup(child)
    if (tries >= 3) throw new Error(`bs_srcserver did not start; see ${join(dir, 'server.log')}`)
  }
}

async function spawnServer(dir: string, port: number): Promise<ChildProcess> {
  const cfg = join(dir, `cfg-${port}`)
  const srv = join(dir, 'srv')
  await mkdir(cfg, { recursive: true })
  await mkdir(srv, { recursive: true })
  const perl = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  await writeFile(
    join(cfg, 'BSConfig.pm'),
    [
      'package BSConfig;',
      `our $bsdir = ${perl(srv)};`,
      `our $srcserver = 'http://127.0.0.1:${port}';`,
      // no scheduler/repo server runs: each commit logs a harmless notification warning
      "our $reposerver = 'http://127.0.0.1:1';",
      // the server binds 0.0.0.0 (hard-coded): accept loopback clients only
      "our $ipaccess = { '^127\\..*' => 'rw' };",
      'our $bsuser; our $bsgroup; our $bsserviceuser; our $bsservicegroup;',
      'our $rundir = "$bsdir/run"; our $logdir = "$bsdir/log";',
      "our $nosharedtrees = 2; our $localarch = 'x86_64';",
      '1;',
      '',
    ].join('\n'),
  )
  const logFile = await open(join(dir, 'server.log'), 'a')
  try {
    // detached = own process group, so stop() reaches the helper it forks too
    const child = spawn('perl', [`-I${cfg}`, '-MBSConfig', srcserver], {
      cwd: dir,
      detached: true,
      stdio: ['ignore', logFile.fd, logFile.fd],
    })
    await once(child, 'spawn')
    return child
  } finally {
    await logFile.close()
  }
}

async function ready(url: string, child: ChildProcess): Promise<boolean> {
  for (let waited = 0; waited < 15_000; waited += 50) {
    if (child.exitCode !== null || child.signalCode !== null) return false
    try {
      const response = await fetch(`${url}/source`, { signal: AbortSignal.timeout(2000) })
      if ((await response.text()).includes('<directory')) return true
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}

function handle(dir: string, port: number, child: ChildProcess): ObsTestServer {
  // if the test worker ends without afterAll (crash, killed run), the detached server must not outlive it
  const orphanGuard = (): void => void (child.pid !== undefined && signalGroup(child.pid, 'SIGTERM'))
  process.once('exit', orphanGuard)
  const apiUrl = `http://127.0.0.1:${port}`
  const home = join(dir, 'home')
  const oscrc = join(dir, 'oscrc')
  let configured: Promise<void> | undefined
  const configure = (): Promise<void> =>
    (configured ??= (async () => {
      await mkdir(home, { recursive: true })
      const text = `[general]\napiurl = ${apiUrl}\ncheck_for_request_on_action = 0\n\n[${apiUrl}]\nuser = osc-user\npass = osc-pass\nallow_http = 1\n`
      await writeFile(oscrc, text, { mode: 0o600 })
    })())
  return {
    apiUrl,
    dir,
    async osc(args, options = {}) {
      await configure()
      const result = await run(oscCommand[0], [oscCommand[1], '-c', oscrc, ...args], {
        cwd: options.cwd ?? dir,
        env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state') },
      })
      return result.stdout
    },
    async createProject(name) {
      const body = `<project name="${name}"><title>${name}</title><description/></project>`
      const response = await fetch(`${apiUrl}/source/${name}/_meta?user=fixture`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body,
      })
      if (!response.ok)
        throw new Error(`creating project ${name}: ${response.status} ${await response.text()}`)
    },
    stop: () => {
      process.off('exit', orphanGuard)
      return stopGroup(child)
    },
  }
}

/** SIGTERM to the process group (the server and its forked helper), SIGKILL if it lingers. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid
  if (pid === undefined) return
  const exited =
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit')
  if (!signalGroup(pid, 'SIGTERM')) return
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
  for (let waited = 0; waited < 5000 && signalGroup(pid, 0); waited += 50)
    await new Promise((r) => setTimeout(r, 50))
  if (signalGroup(pid, 0)) signalGroup(pid, 'SIGKILL')
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal)
    return true
  } catch {
    return false // ESRCH: the group is gone
  }
}

/** A port nobody listens on right now (the server takes its port from BSConfig, so it cannot bind 0). */
async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  await once(server, 'close')
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}
