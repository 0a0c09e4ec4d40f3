#!/usr/bin/env bash
# monitor_service demo: starts a private MariaDB (in ./.demo, no network, no
# system-wide changes), loads sql/setup.sql, runs a demo process, starts the
# agent, then crashes the process and raises its alarm the way a plant's
# monitoring would. You watch the agent restart it and clear the alarm.
#
# Usage: npm run demo        (builds first; needs mariadb-server and
#                             mariadb-client: scripts/setup-dev.sh installs them)
set -euo pipefail
cd "$(dirname "$0")/.."

DEMO_DIR=${DEMO_DIR:-$PWD/.demo}
DATADIR=$DEMO_DIR/db
SOCKET=$DEMO_DIR/mysql.sock
PIDFILE=$DEMO_DIR/mysql.pid
CONFIG=$DEMO_DIR/config.ini
WORKER=demo_worker
PATH=$PATH:/usr/sbin:/sbin

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
sql() { mariadb --no-defaults -S "$SOCKET" -uroot "$@"; }

for tool in mariadbd mariadb-install-db mariadb; do
  command -v "$tool" >/dev/null || { echo "demo: $tool not found; run scripts/setup-dev.sh (installs mariadb-server, mariadb-client)" >&2; exit 1; }
done
[ -f dist/cli/monitorService.js ] || { echo "demo: run 'npm run build' first (npm run demo does)" >&2; exit 1; }

agent_pid=''
cleanup() {
  [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null && wait "$agent_pid" 2>/dev/null || true
  pkill -x "$WORKER" 2>/dev/null || true
  [ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")" 2>/dev/null || true
}
trap cleanup EXIT

mkdir -p "$DEMO_DIR/bin" "$DEMO_DIR/log"
# A previous demo's server, if one was left running.
[ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")" 2>/dev/null && sleep 1 || true

say "Starting a private MariaDB in $DATADIR (socket only, no network)"
run_as=()
[ "$(id -u)" = 0 ] && run_as=(--user=root)
if [ ! -d "$DATADIR/mysql" ]; then
  mariadb-install-db --no-defaults --datadir="$DATADIR" --auth-root-authentication-method=normal \
    --skip-test-db "${run_as[@]}" >"$DEMO_DIR/install-db.log" 2>&1
fi
mariadbd --no-defaults --datadir="$DATADIR" --socket="$SOCKET" --skip-networking "${run_as[@]}" \
  --pid-file="$PIDFILE" --log-error="$DEMO_DIR/mariadb.err" &
for _ in $(seq 1 100); do sql -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.1; done
sql -e 'SELECT VERSION()' -N

say "Loading sql/setup.sql and registering the demo process (the guide's SQL)"
sql < sql/setup.sql
sql v_process_monitor <<SQL
INSERT IGNORE INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (100, 0, 0, 'Demo worker');
INSERT IGNORE INTO PROCESE (process_id, process_name) VALUES (100, '$WORKER');
UPDATE STATUS_PROCESS SET alarma = 0;
SQL

cp /bin/sleep "$DEMO_DIR/bin/$WORKER"
cat >"$CONFIG" <<INI
[database]
socket = $SOCKET
user = root
password =
database = v_process_monitor

[monitor]
check_interval = 1
circuit_reset_time = 60

[logging]
log_file = $DEMO_DIR/log/monitor_service.log

[process.default]
restart_strategy = auto

[process.$WORKER]
restart_strategy = process
start_command = exec $DEMO_DIR/bin/$WORKER 3600
health_check_command = pgrep -x %s
health_check_timeout = 5
INI
chmod 600 "$CONFIG"

say "Starting $WORKER, the process the agent will look after"
setsid "$DEMO_DIR/bin/$WORKER" 3600 </dev/null >/dev/null 2>&1 &
disown
sleep 0.3
old_pid=$(pgrep -x "$WORKER")
echo "$WORKER is running as PID $old_pid"

say "Starting the agent: node dist/cli/monitorService.js --config $CONFIG"
node dist/cli/monitorService.js --config "$CONFIG" &
agent_pid=$!
sleep 2

say "$WORKER crashes (kill -9), and the plant's monitoring raises its alarm:"
echo "    UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = 100;"
kill -9 "$old_pid"
sql v_process_monitor -e 'UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = 100'

for _ in $(seq 1 300); do
  [ "$(sql v_process_monitor -N -e 'SELECT alarma FROM STATUS_PROCESS WHERE process_id = 100')" = 0 ] && break
  sleep 0.1
done
sleep 0.5

say "Result"
new_pid=$(pgrep -x "$WORKER" || echo none)
echo "$WORKER was PID $old_pid, now runs as PID $new_pid"
sql v_process_monitor -t -e 'SELECT process_id, alarma, notes FROM STATUS_PROCESS WHERE process_id = 100;
  SELECT id, process_name, strategy, attempts, outcome, duration_ms, reason FROM monitor_restart_history ORDER BY id DESC LIMIT 1'
alarm=$(sql v_process_monitor -N -e 'SELECT alarma FROM STATUS_PROCESS WHERE process_id = 100')

say "Stopping the agent (SIGTERM) and the demo database"
kill "$agent_pid"; wait "$agent_pid" || true; agent_pid=''
echo "Log file: $DEMO_DIR/log/monitor_service.log   Config: $CONFIG"
if [ "$alarm" = 0 ] && [ "$new_pid" != none ]; then
  say "Demo passed: the alarm was cleared after a verified restart"
else
  say "Demo FAILED: alarm is $alarm, $WORKER PID $new_pid"; exit 1
fi
