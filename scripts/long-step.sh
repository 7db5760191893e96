#!/usr/bin/env bash
# long-step.sh runs one slow build step so that a person watching knows it is
# alive: the step's own output is shown as it comes (indented), and when the
# step has printed nothing for a while a line says how long it has run
# (a cold compile of SQLite and WebKit bindings is silent for minutes).
#   scripts/long-step.sh "what it does" command args...
# The exit code is the command's. POSTDECK_HEARTBEAT sets the seconds of
# silence before a "still working" line (default 20).
set -uo pipefail
what=$1; shift
every=${POSTDECK_HEARTBEAT:-20}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
"$@" >"$log" 2>&1 &
pid=$!
shown=0
show_new() {   # prints the lines not shown yet, indented
  local n
  n=$(wc -l <"$log")
  if [ "$n" -gt "$shown" ]; then
    tail -n "+$((shown + 1))" "$log" | head -n "$((n - shown))" | sed 's/^/    /'
    shown=$n
    quiet_since=$(date +%s)
  fi
}
quiet_since=$start
while kill -0 "$pid" 2>/dev/null; do
  sleep 1
  show_new
  now=$(date +%s)
  if [ $((now - quiet_since)) -ge "$every" ]; then
    el=$((now - start))
    printf '    … %s: still working (%dm%02ds)\n' "$what" $((el / 60)) $((el % 60))
    quiet_since=$now
  fi
done
wait "$pid"
rc=$?
# The rest, with a last line that has no newline.
tail -n "+$((shown + 1))" "$log" | sed 's/^/    /'
[ -n "$(tail -c1 "$log")" ] && echo
el=$(( $(date +%s) - start ))
if [ $rc -ne 0 ]; then
  printf '    %s FAILED after %dm%02ds (exit %d)\n' "$what" $((el / 60)) $((el % 60)) $rc >&2
else
  printf '    %s: done in %dm%02ds\n' "$what" $((el / 60)) $((el % 60))
fi
exit $rc
