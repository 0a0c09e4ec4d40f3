#!/bin/bash
# The sequential baseline of bench/burst.ts: the agent as the guide describes it, written
# as a shell script (bash + the mysql client). Every check_interval: poll the alarms,
# then for each one, one after the other: pre_restart_command, restart (process
# strategy: stop the instances by name, start start_command detached), the health
# check (pgrep, re-run until it passes or health_check_timeout), and clear the alarm.
# No fixed sleeps beyond those: a fair, fast shell agent.
#
#   shellAgent.sh SOCKET DATABASE START_COMMAND [CHECK_INTERVAL] [PRE_RESTART_COMMAND]
# %s in the commands is the process name.
set -u
socket=$1 database=$2 start_command=$3 interval=${4:-1} pre_restart=${5:-}
health_check_timeout=5

sql() { mysql --no-defaults -S "$socket" -uroot -N -B "$database" -e "$1"; }

while :; do
  sql "SELECT s.process_id, p.process_name FROM STATUS_PROCESS s JOIN PROCESE p ON p.process_id = s.process_id WHERE s.alarma = 1" |
    while read -r id name; do
      if [ -n "$pre_restart" ] && ! sh -c "${pre_restart//%s/$name}"; then continue; fi
      pkill -x -- "$name"
      while pgrep -x -- "$name" >/dev/null; do sleep 0.01; done
      setsid sh -c "${start_command//%s/$name}" </dev/null >/dev/null 2>&1 &
      deadline=$((SECONDS + health_check_timeout)) healthy=0
      while [ "$SECONDS" -le "$deadline" ]; do
        if pgrep -- "$name" >/dev/null; then healthy=1 && break; fi
        sleep 0.01
      done
      [ "$healthy" = 1 ] && sql "UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = $id"
    done
  sleep "$interval"
done
