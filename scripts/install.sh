#!/usr/bin/env bash
# Install monitor_service from a built checkout (npm ci && npm run build first).
#
#   sudo scripts/install.sh                  # into the running system
#   DESTDIR=/tmp/root scripts/install.sh     # into a staging tree (no root needed)
#   NODE=/usr/bin/node sudo -E scripts/install.sh   # choose the node the wrappers exec
#
# Installs /opt/monitor_service (app + production node_modules + sql/),
# /opt/monitor_service/config.ini (only if absent), the systemd unit, the man
# page and the monitor_service, test-alarm, simple-test wrappers in
# /usr/local/bin. Running it again gives the same result; that is also how to
# upgrade. It never enables or starts the service: the config needs database
# credentials first.
set -euo pipefail
umask 022

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# install(1) owner flags: root:root on a real install; as a non-root user
# into DESTDIR the files simply belong to that user.
OWNER_FLAGS=()
# Temporary directory of the step in progress; removed on exit, even on error.
SCRATCH=
# "name<TAB>target<TAB>node flags" per package.json "bin" entry (list_commands).
COMMANDS=()

main() {
  require_root_unless_destdir
  if is_root; then OWNER_FLAGS=(-o root -g root); fi
  resolve_node
  check_checkout

  install_app
  install_config
  install_unit
  install_man_pages
  install_completion
  install_wrappers
  reload_systemd
  update_man_index
  print_next_steps
}

# The wrappers exec this node by absolute path: under systemd PATH is minimal,
# and a node found via a login shell's PATH (nvm, /usr/local) would be missed.
resolve_node() {
  NODE=${NODE:-$(command -v node || true)}
  [[ -n $NODE && -x $NODE ]] || die "node not found; install Node.js 20 or newer, or set NODE=/path/to/node"
  # It is written unquoted into sh wrappers.
  [[ $NODE =~ ^/[A-Za-z0-9_./+-]+$ ]] || die "NODE must be an absolute path without spaces or shell characters: $NODE"
  local major
  major=$("$NODE" -p 'process.versions.node.split(".")[0]')
  ((major >= 20)) || die "$NODE is Node.js $major; monitor_service needs 20 or newer"
  say "using node $NODE (v$("$NODE" -p 'process.versions.node'))"
}

# Fail before touching anything if the checkout is not built or incomplete.
check_checkout() {
  local f entry name target flags flag listing
  for f in package.json package-lock.json config.ini.example "$UNIT_NAME" "${MAN_PAGES[@]/#/man/}" "$COMPLETION_SOURCE" sql node_modules; do
    [[ -e $SOURCE_DIR/$f ]] || die "$SOURCE_DIR/$f is missing; run from a complete checkout after 'npm ci && npm run build'"
  done
  listing=$(list_commands "$SOURCE_DIR/package.json") || die "cannot read \"bin\" from $SOURCE_DIR/package.json"
  mapfile -t COMMANDS <<<"$listing"
  [[ -n ${COMMANDS[0]:-} ]] || die "$SOURCE_DIR/package.json names no commands in \"bin\""
  for entry in "${COMMANDS[@]}"; do
    IFS=$'\t' read -r name target flags <<<"$entry"
    [[ $name =~ ^[A-Za-z0-9._-]+$ ]] || die "package.json bin: unexpected command name '$name'"
    for flag in $flags; do
      [[ $flag =~ ^--[a-z0-9-]+(=[A-Za-z0-9._-]+)?$ ]] || die "package.json nodeFlags.$name: unexpected flag '$flag'"
    done
    [[ $target != /* && $target != *..* ]] || die "package.json bin: unexpected target '$target'"
    [[ -f $SOURCE_DIR/$target ]] || die "$SOURCE_DIR/$target is missing; run 'npm run build' first"
  done
}

cleanup() {
  if [[ -n $SCRATCH ]]; then rm -rf -- "$SCRATCH"; fi
}
trap cleanup EXIT

# Build the new app tree in a staging directory next to the target (same file
# system, so the final moves are renames), then swap each part in. Files left
# by an older version inside dist/ or node_modules/ disappear with the swap.
install_app() {
  local app=$DESTDIR$APP_DIR part
  install -d -m 755 "${OWNER_FLAGS[@]}" "$app"
  rm -rf -- "$app"/.install.* # left by an install that was killed
  SCRATCH=$(mktemp -d "$app/.install.XXXXXX")

  cp -R "$SOURCE_DIR/dist" "$SOURCE_DIR/sql" "$SOURCE_DIR/package.json" "$SCRATCH/"
  stage_production_modules "$SCRATCH"

  # Whatever the checkout's modes and owner were: root-owned, not writable by
  # others, readable by all (nothing secret here; config.ini is handled apart).
  # ug-s: directories created under a set-group-ID parent inherit the bit.
  chmod -R u+rwX,go+rX,go-w,ug-s "$SCRATCH"
  if is_root; then chown -R root:root "$SCRATCH"; fi

  for part in "${APP_PARTS[@]}"; do
    rm -rf -- "${app:?}/$part"
    mv -- "$SCRATCH/$part" "$app/$part"
  done
  rm -rf -- "$SCRATCH"
  SCRATCH=
  chmod 00755 "$app" # the leading 00 also clears an inherited set-group-ID bit
  say "installed $app: ${APP_PARTS[*]}"
}

# Production dependencies only: copy the checkout's node_modules and let npm
# prune the dev ones against the lock file. Offline and quick (no registry),
# and the dev tree in the checkout is left alone.
stage_production_modules() {
  local dir=$1 prune
  mkdir -p "$dir/.prune/node_modules"
  cp -R "$SOURCE_DIR/package.json" "$SOURCE_DIR/package-lock.json" "$dir/.prune/"
  # "/." copies the contents, also when node_modules itself is a symlink.
  cp -R "$SOURCE_DIR/node_modules/." "$dir/.prune/node_modules/"
  if ! prune=$(cd "$dir/.prune" && npm prune --omit=dev --ignore-scripts --offline --no-audit --no-fund 2>&1); then
    die "npm prune --omit=dev failed in the staging copy: $prune"
  fi
  # Hidden entries are npm's and tools' bookkeeping (.bin links, the hidden
  # lock file, caches such as vitest's .vite): nothing at run time reads them,
  # and caches would make two installs differ. prune also leaves the emptied
  # @scope directories of dev packages behind.
  find "$dir/.prune/node_modules" -mindepth 1 -maxdepth 1 -name '.*' -exec rm -rf {} +
  find "$dir/.prune/node_modules" -mindepth 1 -maxdepth 1 -type d -empty -delete
  mv "$dir/.prune/node_modules" "$dir/node_modules"
  rm -rf "$dir/.prune"
}

# System directories (/usr/local/bin, ...) are created when missing, but an
# existing one keeps its mode and owner: they are not ours.
ensure_dir() {
  if [[ ! -d $1 ]]; then install -d -m 755 "$1"; fi
}

# config.ini holds the database password: 600, and never overwritten. A
# locally changed config gets the current template beside it as config.ini.new
# (like dpkg's .dpkg-dist), so upgrades can show new keys with diff.
install_config() {
  local template=$SOURCE_DIR/config.ini.example cfg=$DESTDIR$APP_DIR/$CONFIG_NAME
  if [[ ! -e $cfg ]]; then
    install -m 600 "${OWNER_FLAGS[@]}" "$template" "$cfg"
    say "installed $cfg from config.ini.example (mode 600): set the [database] credentials"
  elif cmp -s "$template" "$cfg"; then
    say "kept $cfg (identical to the template)"
  else
    install -m 600 "${OWNER_FLAGS[@]}" "$template" "$cfg.new"
    say "kept $cfg (locally modified); current template written to $cfg.new"
    say "  compare: diff $APP_DIR/$CONFIG_NAME $APP_DIR/$CONFIG_NAME.new"
  fi
  warn_if_config_readable "$cfg"
}

# Only a warning: the file is the operator's, we do not change it.
warn_if_config_readable() {
  local cfg=$1 mode
  mode=$(stat -c %a "$cfg")
  if [[ $mode != 600 && $mode != 400 ]]; then
    warn "$cfg has mode $mode; it holds the database password: chmod 600 $cfg"
  fi
}

install_unit() {
  ensure_dir "$DESTDIR$UNIT_DIR"
  install -m 644 "${OWNER_FLAGS[@]}" "$SOURCE_DIR/$UNIT_NAME" "$DESTDIR$UNIT_DIR/$UNIT_NAME"
  say "installed $DESTDIR$UNIT_DIR/$UNIT_NAME"
}

install_man_pages() {
  local page
  ensure_dir "$DESTDIR$MAN_DIR"
  for page in "${MAN_PAGES[@]}"; do
    install -m 644 "${OWNER_FLAGS[@]}" "$SOURCE_DIR/man/$page" "$DESTDIR$MAN_DIR/$page"
    say "installed $DESTDIR$MAN_DIR/$page"
  done
}

# One copy per command: bash-completion looks the file up by the command's name.
install_completion() {
  local command
  ensure_dir "$DESTDIR$COMPLETION_DIR"
  for command in "${COMPLETED_COMMANDS[@]}"; do
    install -m 644 "${OWNER_FLAGS[@]}" "$SOURCE_DIR/$COMPLETION_SOURCE" "$DESTDIR$COMPLETION_DIR/$command"
  done
  say "installed bash completion for ${COMPLETED_COMMANDS[*]} in $DESTDIR$COMPLETION_DIR"
}

# One small sh wrapper per package.json "bin" entry. A wrapper rather than a
# symlink: the entry points need not be executable or carry a shebang, and the
# node binary is pinned (see resolve_node).
install_wrappers() {
  local entry name target flags dest
  ensure_dir "$DESTDIR$BIN_DIR"
  SCRATCH=$(mktemp -d)
  for entry in "${COMMANDS[@]}"; do
    IFS=$'\t' read -r name target flags <<<"$entry"
    dest=$DESTDIR$BIN_DIR/$name
    if [[ -e $dest ]] && ! grep -qxF -- "$WRAPPER_MARK" "$dest"; then
      warn "replacing $dest, which was not installed by this script"
    fi
    # nodeFlags (package.json) go between node and the entry point: V8 reads them at start.
    printf '#!/bin/sh\n%s\nexec %s %s%s "$@"\n' "$WRAPPER_MARK" "$NODE" "${flags:+$flags }" "$APP_DIR/${target#./}" >"$SCRATCH/$name"
    install -m 755 "${OWNER_FLAGS[@]}" "$SCRATCH/$name" "$dest"
    say "installed $dest -> $APP_DIR/${target#./}"
  done
  rm -rf -- "$SCRATCH"
  SCRATCH=
}

# After an upgrade the unit may be running the old code: say so rather than
# restart it behind the operator's back.
reload_systemd() {
  if daemon_reload && systemctl is-active --quiet "$UNIT_NAME"; then
    say "monitor_service is running the previous version: systemctl restart monitor_service"
  fi
}

print_next_steps() {
  [[ -z $DESTDIR ]] || return 0
  cat <<EOF

Next steps:
  1. Load the schema:      mysql < $APP_DIR/sql/setup.sql
  2. Set credentials:      editor $APP_DIR/$CONFIG_NAME
  3. Check the config:     monitor_service --config $APP_DIR/$CONFIG_NAME --check-config
  4. Enable and start:     systemctl enable --now monitor_service
  5. Watch it:             journalctl -u monitor_service -f   (or /var/log/monitor_service.log)
EOF
}

main "$@"
