import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../support/action.js'
import { pushAsPerson } from '../support/github-fork.js'
import { describeAs } from '../support/github-scenario.js'
import { makeTestSshKey, startAuthProxy } from '../support/obs-auth-proxy.js'
import { startObsServer, type ObsTestServer } from '../support/obs-server.js'
import { makePlainUpstream } from '../support/plain-fixtures.js'
import { obsProject, publishingScenario } from '../support/reliability-scenario.js'
import { actionTempDirs, findSecrets, secretForms } from '../support/reliability-secrets.js'
import { tempDir } from '../support/tmp.js'
import { makeRpmFork, qmailPackaging, qmailSources } from '../packaging/rpm/fixtures.js'
import { run as exec } from '../../src/process/run.js'

/**
 * Runs with sentinel secrets (GitHub token, OBS password, OBS SSH key, a runner token in the environment)
 * through the flows that touch them: conflict pull request, a person's fix adopted, OBS publish, a failed
 * login, and a build tool that dumps its environment. Then every log, output, summary, OBS commit message
 * and stored file, pull request body and comment, work and output directory (.git/config included) and
 * the action's temporary directories are scanned for every form of every sentinel.
 */

const runnerToken = 'sentinel-ACTIONS_RUNTIME_TOKEN-5e3c1'
/** A secret the workflow sets on the step under a name of its own (`env: MY_SECRET: ${{ secrets.X }}`). */
const stepSecret = 'sentinel-step-variable-7d41c'
const obsUser = 'carrier'
let obs: ObsTestServer
beforeAll(async () => {
  obs = await startObsServer()
  await obs.createProject(obsProject)
})
afterAll(async () => obs?.stop())

const storedOnObs = () => join(obs.dir, 'srv')

describe('no secret anywhere', () => {
  it('GitHub token and OBS password: conflict, fix, publish, a wrong password', async () => {
    const password = 'sentinel-obs-password-9b7e2'
    const proxy = await startAuthProxy(obs.apiUrl, { kind: 'basic', user: obsUser, password })
    const s = await publishingScenario(obs, 'control-conflict', 'secret-basic')
    const before = new Set(await actionTempDirs())
    const runs: ActionRun[] = []
    try {
      const sync = async (inputs: Record<string, string> = {}) => {
        const run = await s.sync({ 'obs-url': proxy.url, 'obs-password': password, ...inputs })
        runs.push(run)
        return run
      }
      expect((await sync()).outputs.result).toBe('conflict')
      await pushAsPerson(s.fork, `patch-carrier/rebase/${s.tag}`, 'Resolved', {
        'debian/control': describeAs('upstream wording, downstream flavour'),
      })
      const wrong = await sync({ 'obs-password': `${password}-wrong` })
      expect(wrong.code).toBe(1)
      expect(wrong.stdout).toContain("OBS rejected the credentials of user 'carrier'")
      expect((await sync()).outputs.result).toBe('published')
      expect((await sync()).outputs.result).toBe('up-to-date')

      const forms = secretForms({
        githubToken: s.github.token,
        obs: { user: obsUser, password },
        derived: [...proxy.seenSecrets, `${password}-wrong`],
      })
      const texts: Record<string, string> = {
        'OBS history': await obs.osc(['log', obsProject, s.pkg]),
        ...Object.fromEntries(runs.map((run, i) => [`run ${i + 1}`, run.everything])),
        ...Object.fromEntries(
          s.github.api.pulls().map((pull) => [`PR #${pull.number}`, `${pull.title}\n${pull.body}`]),
        ),
        ...Object.fromEntries(
          s.github.api
            .pulls()
            .map((pull) => [
              `PR #${pull.number} comments`,
              JSON.stringify(s.github.api.comments(pull.number)),
            ]),
        ),
        'git URLs': s.github.git
          .requests()
          .map((request) => request.url)
          .join('\n'),
      }
      const fresh = (await actionTempDirs()).filter((dir) => !before.has(dir))
      const hits = await findSecrets(forms, { texts, dirs: [s.workDir, storedOnObs(), ...fresh] })
      expect(hits).toEqual([])
      await s.assertNoTokenLeaked()
    } finally {
      await s.close()
      await proxy.close()
    }
  })

  it('OBS SSH key, runner token, a step variable: a spec that dumps its environment into the package carries none', async () => {
    const key = await makeTestSshKey(obsUser)
    const proxy = await startAuthProxy(obs.apiUrl, {
      kind: 'ssh',
      user: obsUser,
      allowedSigners: key.allowedSigners,
      realm: 'Use your developer account',
    })
    try {
      const upstream = await makePlainUpstream()
      await upstream.release(['v1.0'], qmailSources('1.0'))
      const packaging = qmailPackaging('1.0', { patch: false })
      // rpm runs %(…) when it reads the spec: a hostile (or careless) spec can dump the environment
      packaging['qmail.spec'] = packaging['qmail.spec']!.replace(
        'qmail is a secure',
        'env: %(env | tr "\\n" " ")\nqmail is a secure',
      )
      const fork = await makeRpmFork(upstream, 'v1.0', packaging)
      await upstream.release(['v1.1'], qmailSources('1.1'))
      const out = await tempDir('pc-out-')
      const work = await tempDir('pc-work-')
      const before = new Set(await actionTempDirs())
      const run = await runAction(
        {
          'remote-url': fork.url,
          'upstream-url': upstream.url,
          'upstream-tags': 'v*',
          'output-dir': out,
          'work-dir': work,
          'obs-url': proxy.url,
          'obs-project': obsProject,
          'obs-package': 'secret-ssh',
          'obs-user': obsUser,
          'obs-ssh-key': key.privateKey,
          'obs-create': 'true',
        },
        { ACTIONS_RUNTIME_TOKEN: runnerToken, MY_SECRET: stepSecret },
      )
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs.result).toBe('published')
      expect(proxy.log.some((entry) => entry.via === 'signature')).toBe(true)
      // the dump happened: the .src.rpm describes the environment it was built in
      const srpm = (JSON.parse(run.outputs.files!) as string[]).find((file) => file.endsWith('.src.rpm'))!
      const description = (await exec('rpm', ['-qp', '--qf', '%{DESCRIPTION}', srpm])).stdout
      expect(description).toContain('env: ')
      expect(description).toContain('PATH=')
      expect(description).toContain('HOME=')
      expect(description).not.toContain('MY_SECRET')

      const forms = secretForms({
        obs: { user: obsUser, sshKey: key.privateKey },
        derived: proxy.seenSecrets,
        environment: [runnerToken, stepSecret],
      })
      const fresh = (await actionTempDirs()).filter((dir) => !before.has(dir))
      const hits = await findSecrets(forms, {
        texts: { run: run.everything, 'OBS history': await obs.osc(['log', obsProject, 'secret-ssh']) },
        dirs: [out, work, storedOnObs(), ...fresh],
      })
      expect(hits).toEqual([])
    } finally {
      await proxy.close()
    }
  })
})
