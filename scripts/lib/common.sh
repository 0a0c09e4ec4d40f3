# shellcheck shell=bash disable=SC2034  # constants are used by the scripts that source this
# Shared by scripts/install.sh and scripts/uninstall.sh: where things go, and
# small helpers. Sourced, not executed.
#
# Target paths are fixed: the unit file, the man page and the CLI's default
# config path (/opt/monitor_service/config.ini) all name them. DESTDIR moves
# the whole tree (for packaging and tests); the installed files still refer to
# the final paths.

DESTDIR=${DESTDIR:-}
DESTDIR=${DESTDIR%/}

readonly APP_DIR=/opt/monitor_service
readonly BIN_DIR=/usr/local/bin
readonly UNIT_DIR=/etc/systemd/system
readonly MAN_DIR=/usr/share/man/man8
readonly UNIT_NAME=monitor_service.service
readonly MAN_PAGE=monitor_service.8
# Every page in man/: monitor_service(8), test-alarm(8), simple-test(8).
readonly MAN_PAGES=("$MAN_PAGE" test-alarm.8 simple-test.8)
# bash-completion loads /usr/share/bash-completion/completions/COMMAND on first use.
readonly COMPLETION_DIR=/usr/share/bash-completion/completions
readonly COMPLETION_SOURCE=completion/monitor_service.bash
readonly COMPLETED_COMMANDS=(monitor_service test-alarm simple-test)
readonly CONFIG_NAME=config.ini
# What install.sh puts into APP_DIR and uninstall.sh takes out again.
# config.ini and config.ini.new are deliberately not in this list.
readonly APP_PARTS=(dist node_modules sql package.json)
# First line after the shebang of every wrapper we write: uninstall.sh removes
# only files carrying it, so it never deletes someone else's command.
readonly WRAPPER_MARK='# Installed by monitor_service scripts/install.sh; removed by scripts/uninstall.sh.'

# Source checkout = the directory above scripts/.
SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly SOURCE_DIR

say() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# Installing into the live system needs root; a DESTDIR tree does not.
require_root_unless_destdir() {
  if [[ -z $DESTDIR ]] && ! is_root; then
    die "run as root (sudo $0), or set DESTDIR to install into a staging tree"
  fi
}

# True when we act on the running system and systemd is its init: only then
# do daemon-reload, enable/disable --now and friends make sense.
systemd_is_live() {
  [[ -z $DESTDIR ]] && [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null
}

# Make systemd re-read unit files. Returns 1 when it was skipped.
daemon_reload() {
  if [[ -n $DESTDIR ]]; then
    say "skipped systemctl daemon-reload (DESTDIR set)"
  elif ! systemd_is_live; then
    say "skipped systemctl daemon-reload (systemd is not running)"
  else
    systemctl daemon-reload
    say "reloaded systemd (systemctl daemon-reload)"
    return 0
  fi
  return 1
}

# Refresh the man-db index so `man -k` and apropos find (or forget) the page.
# Live system only: a DESTDIR tree is indexed when it is installed for real.
update_man_index() {
  if [[ -n $DESTDIR ]]; then
    say "skipped mandb (DESTDIR set)"
  elif command -v mandb >/dev/null; then
    if mandb -q; then say "updated the man page index (mandb)"; else warn "mandb failed; run it by hand"; fi
  else
    say "skipped mandb (not installed)"
  fi
}

# "name<TAB>relative/target.js<TAB>node flags" for every command in package.json's "bin",
# the flags from its "nodeFlags" (space-separated, often none). package.json is the one
# place that names the entry points and how node runs them (README, Performance).
list_commands() {
  local pkg=$1
  node -e '
    const pkg = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const flags = pkg.nodeFlags || {};
    for (const [name, target] of Object.entries(pkg.bin || {})) console.log(name + "\t" + target + "\t" + (flags[name] || []).join(" "));
  ' "$pkg"
}
