#!/usr/bin/env bash
# Prepares a machine to build and test monitor_service: the Debian packages the tests
# drive for real (MariaDB, systemd, man page tools, ...), the npm dependencies, and dist/.
# Idempotent: installs only what is missing, so a second run only re-runs npm.
# Meant for a fresh Debian 12 run as root (CI); works from any directory.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

# What the tests need. The tests start their own private MariaDB server, systemd user
# and system managers (unshare, nsenter: util-linux; script: bsdutils), supervisord,
# svscan, runsvdir and s6-svscan; the distribution's services are not used.
REQUIRED_PACKAGES=(
  mariadb-server
  mariadb-client
  mandoc
  man-db
  tmux
  procps
  docker-compose
  systemd
  util-linux
  bsdutils
  supervisor
  daemontools
  runit
  s6
  galera-4
  rsync
  chromium
)

POLICY_RC_D=/usr/sbin/policy-rc.d
created_policy_rc_d=false

log() { printf 'setup-dev: %s\n' "$*"; }

is_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

missing_packages() {
  local package
  for package in "${REQUIRED_PACKAGES[@]}"; do
    is_installed "$package" || printf '%s\n' "$package"
  done
}

# Debian's standard switch that stops maintainer scripts from starting services: a
# system-wide mariadb started by the install is not needed and only takes memory.
forbid_service_starts() {
  if [[ ! -e "$POLICY_RC_D" ]]; then
    printf '#!/bin/sh\n# temporary, from monitor_service scripts/setup-dev.sh\nexit 101\n' > "$POLICY_RC_D"
    chmod 755 "$POLICY_RC_D"
    created_policy_rc_d=true
  fi
}

allow_service_starts() {
  if [[ "$created_policy_rc_d" == true ]]; then
    rm -f "$POLICY_RC_D"
    created_policy_rc_d=false
  fi
}
trap allow_service_starts EXIT

install_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]} == 0)); then
    log "Debian packages already installed: ${REQUIRED_PACKAGES[*]}"
    return
  fi
  if ((EUID != 0)); then
    log "missing Debian packages: ${missing[*]}; run this script as root to install them" >&2
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  forbid_service_starts
  log "apt-get update"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  allow_service_starts
}

check_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    log "node and npm are required (Node 20 or newer)" >&2
    exit 1
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if ((major < 20)); then
    log "Node $(node --version) is too old: Node 20 or newer is required" >&2
    exit 1
  fi
  log "using Node $(node --version), npm $(npm --version)"
}

# npm rewrites node_modules/.package-lock.json on every install: if it is newer than both
# manifests, node_modules is current. Skipping then keeps a re-run from deleting the
# node_modules that test runs in the same checkout are using. CI always installs afresh.
npm_dependencies_current() {
  [[ "${CI:-}" != true && -f node_modules/.package-lock.json ]] &&
    [[ node_modules/.package-lock.json -nt package.json ]] &&
    { [[ ! -f package-lock.json ]] || [[ node_modules/.package-lock.json -nt package-lock.json ]]; }
}

install_npm_dependencies() {
  if npm_dependencies_current; then
    log "node_modules is newer than package.json and package-lock.json: skipping npm ci"
  elif [[ -f package-lock.json ]]; then
    log "npm ci"
    npm ci
  else
    log "no package-lock.json: npm install"
    npm install
  fi
}

build() {
  log "npm run build"
  npm run build
}

log "repository: $REPO_ROOT"
install_packages
check_node
install_npm_dependencies
build
log "done"
