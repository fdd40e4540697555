/**
 * The environment every program the action runs starts from (git, dpkg-source, quilt, rpmbuild,
 * pristine-tar, gpgv, …): an allow-list, not the step's whole environment. A step's variables can hold
 * secrets under any name (`INPUT_GITHUB-TOKEN`, `MY_SECRET`, a runner token), and a build tool that dumps
 * its environment (a spec's `%(env)`, a failing tool's debug output) would carry them into a file, a log
 * or OBS. What a program needs beyond this list, a secret included, the caller passes through `extra`.
 */

/** Variables passed on by exact name, each with the reason a child program needs it. */
const allowedNames: ReadonlySet<string> = new Set([
  // where programs are found; tests put fake tools in front of it
  'PATH',
  // per-user configuration: ~/.gitconfig, ~/.rpmmacros, ~/.quiltrc, git's credential helpers
  'HOME',
  // who runs the program: git's fallback identity, rpmbuild's %{_buildhost} user, ssh
  'USER',
  'LOGNAME',
  // language and encoding of messages and file names (LC_* by prefix below)
  'LANG',
  'LANGUAGE',
  // dates in changelogs and tarball headers
  'TZ',
  // where dpkg-source, rpmbuild, quilt and gpg put scratch files
  'TMPDIR',
  // git's global config when HOME's is not used (XDG_CONFIG_HOME/git/config)
  'XDG_CONFIG_HOME',
  // the runner's choice of git config: GIT_CONFIG_GLOBAL names its file (the README's credential helper for
  // a fork on another host lives there), GIT_CONFIG_NOSYSTEM isolates git from /etc/gitconfig
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_NOSYSTEM',
  // ssh remotes (ssh://git@host/…): the agent holding the key (a socket path, not the key), or the runner's
  // own ssh command with its key file
  'SSH_AUTH_SOCK',
  'GIT_SSH_COMMAND',
  // HTTPS through the runner's proxy, for git and curl (both spellings are honoured)
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  // the certificate authorities a self-hosted runner trusts (a TLS-inspecting proxy, a private server)
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'CURL_CA_BUNDLE',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  // git's packet trace, set on the step to see what a fetch asked for and got: refs and capabilities, no
  // credentials (GIT_TRACE_CURL, which can show headers, stays out)
  'GIT_TRACE_PACKET',
])

/*
 * Left out on purpose: GIT_CONFIG_PARAMETERS and GIT_CONFIG_COUNT/KEY_n/VALUE_n (a step's `-c` settings,
 * an extraheader with a token; the action sets its own per command), GIT_ASKPASS/SSH_ASKPASS (prompt
 * programs), GNUPGHOME (gpg and gpgv get a private one), TAR_OPTIONS, QUILT_*, POSIXLY_CORRECT (they change
 * what a tool does), LD_PRELOAD/LD_LIBRARY_PATH/NODE_OPTIONS, and every INPUT_*, ACTIONS_* and GITHUB_*.
 */

/** Locale categories (LC_ALL, LC_CTYPE, …): no secret fits a category name. */
const allowedPrefix = 'LC_'

/** Whether a variable of the step is passed on to child programs. */
export function allowed(name: string): boolean {
  return allowedNames.has(name) || name.startsWith(allowedPrefix)
}

/**
 * The allow-listed variables of process.env (read at each call), then `extra` on top; a name `extra` sets
 * to undefined is left out (`{ LC_ALL: undefined }` removes the runner's LC_ALL).
 */
export function childEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && allowed(name)) env[name] = value
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  return env
}
