#!/usr/bin/env bash
# Remove what scripts/install.sh installed.
#
#   sudo scripts/uninstall.sh
#   DESTDIR=/tmp/root scripts/uninstall.sh
#
# Stops and disables the service first (live system only). Keeps the
# configuration (/opt/monitor_service/config.ini and config.ini.new: they hold
# the operator's settings and password) and the logs (/var/log/monitor_service*).
# The database is not touched.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

main() {
  require_root_unless_destdir
  stop_service
  remove_unit
  remove_wrappers
  local page command
  for page in "${MAN_PAGES[@]}"; do remove_file "$DESTDIR$MAN_DIR/$page"; done
  for command in "${COMPLETED_COMMANDS[@]}"; do remove_file "$DESTDIR$COMPLETION_DIR/$command"; done
  remove_app
  daemon_reload || true
  update_man_index
  print_kept
}

# Stop it before its files go: a running agent would lose its code underneath.
stop_service() {
  if systemd_is_live && [[ -e $UNIT_DIR/$UNIT_NAME ]]; then
    systemctl disable --now "$UNIT_NAME"
    say "stopped and disabled $UNIT_NAME"
  fi
}

# Also drop enablement links that `systemctl disable` could not remove because
# systemd is not running here (containers, chroots, DESTDIR trees).
remove_unit() {
  local link
  for link in "$DESTDIR$UNIT_DIR"/*.wants/"$UNIT_NAME"; do
    if [[ -L $link ]]; then remove_file "$link"; fi
  done
  remove_file "$DESTDIR$UNIT_DIR/$UNIT_NAME"
}

# Only files carrying our marker: a monitor_service command installed some
# other way (npm -g, a package) is left alone.
remove_wrappers() {
  local f
  for f in "$DESTDIR$BIN_DIR"/*; do
    [[ -f $f ]] || continue
    if head -n 2 -- "$f" 2>/dev/null | grep -qxF -- "$WRAPPER_MARK"; then
      remove_file "$f"
    fi
  done
}

remove_app() {
  local app=$DESTDIR$APP_DIR part
  [[ -d $app ]] || return 0
  for part in "${APP_PARTS[@]}"; do
    if [[ -e $app/$part ]]; then
      rm -rf -- "${app:?}/$part"
      say "removed $app/$part"
    fi
  done
  rm -rf -- "$app"/.install.*
  # Gone only if nothing is left, i.e. there was no config to keep.
  if rmdir -- "$app" 2>/dev/null; then say "removed $app"; fi
}

remove_file() {
  if [[ -e $1 || -L $1 ]]; then
    rm -f -- "$1"
    say "removed $1"
  fi
}

print_kept() {
  local f kept=()
  for f in "$DESTDIR$APP_DIR/$CONFIG_NAME" "$DESTDIR$APP_DIR/$CONFIG_NAME.new"; do
    if [[ -e $f ]]; then kept+=("$f"); fi
  done
  if ((${#kept[@]})); then
    say "kept configuration: ${kept[*]} (delete by hand if no longer wanted)"
  fi
  say "kept logs: /var/log/monitor_service.log, .1, .2… (if any; and dated monitor_service-*.log files and .monitor_service-audit.json of earlier versions)"
}

main "$@"
