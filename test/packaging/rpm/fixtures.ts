import { join } from 'node:path'
import { GitRepo } from '../../../src/git/repo.js'
import { parseSettings, type Settings } from '../../../src/action/settings.js'
import type { BuildRequest } from '../../../src/packaging/packager.js'
import { linePatch, makeFork, type Fork } from '../../support/debian-fixtures.js'
import { commitFiles, git } from '../../support/git.js'
import type { PlainUpstream } from '../../support/plain-fixtures.js'
import { tempDir } from '../../support/tmp.js'

/** qmail-like upstream sources: an installer with a hard-coded prefix, and a daemon with a debounce. */
export function qmailSources(release: string): Record<string, string> {
  return {
    'install.c':
      '#include <stdio.h>\n#define PREFIX "/var/qmail"\nint main(void) {\n  puts(PREFIX);\n  return 0;\n}\n',
    'qmail.c': `int debounce_ms = 500;\nint main(void) {\n  return debounce_ms;\n}\n\n/* qmail ${release} */\n`,
    Makefile: 'all:\n\tcc -o install install.c\n',
    README: `qmail ${release}\n`,
  }
}

/** The fork's patched installer: a `-p1` patch of install.c, as the classic qmail spec carries. */
export const installPatch = linePatch(
  'install.c',
  ['#include <stdio.h>'],
  '#define PREFIX "/var/qmail"',
  '#define PREFIX "/usr/lib/qmail"',
  ['int main(void) {', '  puts(PREFIX);'],
  'install under /usr/lib/qmail',
)

/** The downstream code commit: no debounce. */
export const noDebounce = (release: string): Record<string, string> => ({
  'qmail.c': qmailSources(release)['qmail.c']!.replace('debounce_ms = 500', 'debounce_ms = 0'),
})

/** A classic qmail-style spec: unnumbered `Patch:` + `%patch -p1`, Buildroot, `%files -f`, %pre/%post. */
export function qmailSpec(version: string, options: { patch?: boolean } = {}): string {
  const patch = options.patch ?? true
  return `Name: qmail
Version: ${version}
Release: 1
Summary: a secure, reliable, efficient, simple message transfer agent
License: Public Domain
Group: Networking/Daemons
URL: https://cr.yp.to/qmail.html
Source: https://cr.yp.to/software/%{name}-%{version}.tar.gz
Source1: qmail.init
${patch ? 'Patch: qmail-install.patch\n' : ''}Buildroot: %{_tmppath}/%{name}-%{version}-root

%description
qmail is a secure, reliable, efficient, simple message transfer agent.

%prep
%setup -q
${patch ? '%patch -p1\n' : ''}
%build
make

%install
rm -rf $RPM_BUILD_ROOT
./install $RPM_BUILD_ROOT/var/qmail
find $RPM_BUILD_ROOT -type f | sed -e "s|^$RPM_BUILD_ROOT||" > qmail.files

%pre
/usr/sbin/groupadd -r nofiles 2>/dev/null || :

%post
/sbin/chkconfig --add qmail || :

%clean
rm -rf $RPM_BUILD_ROOT

%files -f qmail.files
%defattr(-,root,root)
%doc README

%changelog
* Thu Jan 01 2026 Fork Maintainer <fork@example.org> - ${version}-1
- Packaged.
`
}

/** A modern spec: `%autosetup -p1`, numbered patches, `%{?dist}`, Source0 as a URL with macros. */
export function autosetupSpec(version: string, patches: string[] = []): string {
  return `%global forgeurl https://example.org/qmail
Name:           qmail
Version:        ${version}
Release:        3%{?dist}
Summary:        message transfer agent
License:        Public Domain
URL:            %{forgeurl}
Source0:        %{forgeurl}/archive/v%{version}/%{name}-%{version}.tar.gz
${patches.map((name, index) => `Patch${index + 1}:         ${name}\n`).join('')}BuildRequires:  gcc

%description
A message transfer agent.

%prep
%autosetup -p1

%build
%make_build

%install
install -D -m 0755 install %{buildroot}%{_bindir}/qmail-install

%files
%doc README
%{_bindir}/qmail-install

%changelog
* Thu Jan 01 2026 Fork Maintainer <fork@example.org> - ${version}-3
- Packaged.
`
}

/** The packaging files a qmail fork adds: the spec, the init script, the installer patch. */
export function qmailPackaging(version: string, options: { patch?: boolean } = {}): Record<string, string> {
  return {
    'qmail.spec': qmailSpec(version, options),
    'qmail.init': '#!/bin/sh\nexec /var/qmail/rc\n',
    ...(options.patch === false ? {} : { 'qmail-install.patch': installPatch }),
  }
}

/** A fork of a plain upstream at `tag` that adds RPM packaging, then downstream code commits. */
export async function makeRpmFork(
  upstream: PlainUpstream,
  tag: string,
  packaging: Record<string, string>,
  commits: [message: string, files: Record<string, string>][] = [],
): Promise<Fork> {
  const fork = await makeFork(upstream.url, tag)
  await fork.commit('Package for RPM', packaging)
  for (const [message, files] of commits) await fork.commit(message, files)
  return fork
}

/**
 * A local repository for packager tests: upstream release `tagVersion` (tag `v<tagVersion>`), the
 * packaging commit, then the downstream commits.
 */
export async function makeRpmRepo(
  upstreamFiles: Record<string, string>,
  packaging: Record<string, string>,
  commits: [message: string, files: Record<string, string>][] = [],
  tagVersion = '1.0',
): Promise<{ repo: GitRepo; upstream: string; head: string; dir: string }> {
  const dir = await tempDir('pc-rpm-')
  await git(dir, 'init', '-q', '-b', 'main')
  const upstream = await commitFiles(dir, `Release ${tagVersion}`, upstreamFiles)
  await git(dir, 'tag', `v${tagVersion}`)
  let head = await commitFiles(dir, 'Package for RPM', packaging)
  for (const [message, files] of commits) head = await commitFiles(dir, message, files)
  return { repo: new GitRepo(join(dir, '.git'), dir), upstream, head, dir }
}

export function testSettings(outputDir: string): Settings {
  const inputs: Record<string, string> = {
    'remote-url': 'file:///nonexistent/fork.git',
    'upstream-url': 'file:///nonexistent/upstream.git',
    'output-dir': outputDir,
  }
  return parseSettings((name) => inputs[name] ?? '', { RUNNER_TEMP: outputDir })
}

/** What the pipeline hands a packager for a build of `head` on tag `v<version>`. */
export async function buildRequest(
  fixture: { repo: GitRepo; upstream: string; head: string },
  version = '1.0',
): Promise<BuildRequest> {
  return {
    repo: fixture.repo,
    head: fixture.head,
    upstreamTag: { name: `v${version}`, commit: fixture.upstream, version },
    carried: [],
    dropped: [],
    versionFor: (base) => `${base}+carrier1`,
    upstreamData: {},
    settings: testSettings(await tempDir('pc-rpm-out-')),
    scratchDir: await tempDir('pc-rpm-scratch-'),
  }
}
