import type { RunReport } from '../pipeline/report.js'
import type { Settings } from '../action/settings.js'

/** What the job summary links to, besides the pull request (which the report carries). */
export interface SummaryContext {
  /** The config-file package the run was for. */
  package?: string
  /** `project/package` on OBS and its web page. */
  obs?: { label: string; url: string }
  /** The built (or conflicting) commit on the fork's web server. */
  commitUrl?: string
}

/**
 * The OBS web interface for an API URL. openSUSE's and most public instances serve the API on `api.…`
 * and the web interface on `build.…`; a private instance serves both on one host.
 */
export function obsWebUrl(apiUrl: string): string {
  const url = new URL(apiUrl)
  if (url.hostname.startsWith('api.')) url.hostname = `build.${url.hostname.slice('api.'.length)}`
  return url.origin + url.pathname.replace(/\/+$/, '')
}

/** The web page of an OBS package, e.g. https://build.opensuse.org/package/show/home:me/dovecot. */
export function obsPackageUrl(apiUrl: string, project: string, pkg: string): string {
  return `${obsWebUrl(apiUrl)}/package/show/${project}/${pkg}`
}

/**
 * The web page of a commit for an http(s) git remote: GitHub, Forgejo/Gitea and GitLab all answer
 * `<repository>/commit/<sha>`. Other remotes (file://, ssh) have none.
 */
export function commitUrl(remoteUrl: string, sha: string): string | undefined {
  if (!/^https?:\/\//i.test(remoteUrl) || !/^[0-9a-f]{40,64}$/.test(sha)) return undefined
  const url = new URL(remoteUrl)
  url.pathname = `${url.pathname.replace(/\/+$/, '').replace(/\.git$/, '')}/commit/${sha}`
  url.search = ''
  url.hash = ''
  return url.href
}

/** A URL that cannot end a Markdown link or a table cell early. */
export function markdownHref(url: string): string {
  return url.replace(
    /[()<>|\s\\`]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
}

/** The links of a run's summary. */
export function summaryContext(settings: Settings, report: RunReport): SummaryContext {
  const { project, package: pkg } = settings.obs
  return {
    package: settings.packageName,
    obs:
      project && pkg
        ? { label: `${project}/${pkg}`, url: obsPackageUrl(settings.obs.url, project, pkg) }
        : undefined,
    // a dry run pushed nothing: its commit exists only in the run's work repository
    commitUrl: report.commit && !settings.dryRun ? commitUrl(settings.remoteUrl, report.commit) : undefined,
  }
}
