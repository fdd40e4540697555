#!/usr/bin/env bash
# Installs what the tests, the demo and the bench need on a fresh Debian machine.
# Fast on a second run: it only acts when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need git git
need dpkg-source dpkg-dev
need quilt quilt
need pristine-tar pristine-tar
need rpmbuild rpm
need osc osc
need ssh-keygen openssh-client
need xz xz-utils
need gpg gnupg
need gpgv gpgv
need reprepro reprepro
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || missing+=(debian-archive-keyring)
[ -x /usr/lib/obs/server/bs_srcserver ] || missing+=(obs-server)

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  # obs-server's postinst would start a whole OBS on systemd hosts: forbid service starts.
  own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  trap '[ -z "$own_policy" ] || $sudo rm -f /usr/sbin/policy-rc.d' EXIT
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >/dev/null
fi
