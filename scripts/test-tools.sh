#!/usr/bin/env bash
# Installs the programs the tests drive besides Node: git, kubectl, Debian's chromium and OpenSSH
# (the Git writer's SSH test runs a real sshd).
# Installs them with apt when running as root; otherwise says what is missing.
set -euo pipefail

missing=()
command -v git >/dev/null || missing+=(git)
command -v kubectl >/dev/null || missing+=(kubernetes-client)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v ssh >/dev/null || missing+=(openssh-client)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "The tests need: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
