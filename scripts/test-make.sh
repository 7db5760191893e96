#!/usr/bin/env bash
# test-make.sh checks what `make run` does around the app, without opening it:
#  1. setup for running (scripts/setup.sh --run) installs only what running
#     needs (no Xvfb, no Chromium) and waits while another program holds
#     apt's lock instead of failing: apt-get, dpkg-query and sudo are fakes
#     here, so nothing is installed;
#  2. a second build of an unchanged tree does nothing (no bindings, no
#     frontend build, no wails build), and `make run` then starts the binary
#     at once (run with ARGS=version, so no window opens).
# Run through `make test-make` (part of `make test`).
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "test-make: FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- 1. setup --run with fake package tools --------------------------------
fake=$tmp/bin
mkdir -p "$fake"
cat >"$fake/dpkg-query" <<'SH'
#!/bin/sh
exit 1
SH
# The first two updates find the lists locked, as while unattended-upgrades runs.
cat >"$fake/apt-get" <<SH
#!/bin/sh
echo "\$*" >>"$tmp/apt.log"
case "\$*" in *" update"*)
  n=\$(grep -c ' update' "$tmp/apt.log")
  if [ "\$n" -le 2 ]; then
    echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (unattended-upgr)" >&2
    exit 100
  fi;;
esac
exit 0
SH
printf '#!/bin/sh\nexec "$@"\n' >"$fake/sudo"
chmod +x "$fake"/*
out=$(PATH="$fake:$PATH" POSTDECK_APT_RETRY=0 scripts/setup.sh --run 2>&1) || fail "setup --run failed: $out"
grep -q 'another program is using apt (held by process 4242 (unattended-upgr))' <<<"$out" ||
  fail "setup did not say it waits for apt's lock: $out"
[ "$(grep -c ' update' "$tmp/apt.log")" -eq 3 ] || fail "apt-get update was not retried: $(cat "$tmp/apt.log")"
install=$(grep ' install ' "$tmp/apt.log") || fail "no apt-get install: $(cat "$tmp/apt.log")"
[[ $install == *"DPkg::Lock::Timeout="* ]] || fail "apt-get install does not wait for the lock: $install"
[[ $install == *libwebkit2gtk-4.0-dev* ]] || fail "setup --run misses WebKitGTK: $install"
for p in chromium xvfb xauth; do
  [[ $install != *" $p"* ]] || fail "setup --run installs the test-only package $p: $install"
done
echo "test-make: setup --run installs only what running needs and waits for apt's lock"

# --- 2. an unchanged tree builds nothing -------------------------------------
make --no-print-directory build >"$tmp/first.log" 2>&1 || { cat "$tmp/first.log"; fail "make build failed"; }
start=$(date +%s)
make --no-print-directory build >"$tmp/second.log" 2>&1 || { cat "$tmp/second.log"; fail "second make build failed"; }
took=$(( $(date +%s) - start ))
if grep -E '==> .*(bindings|frontend|build build/bin)' "$tmp/second.log"; then
  fail "a second build of an unchanged tree rebuilt something (above)"
fi
# `make run` itself, with a subcommand instead of the window: it sets up for
# running and starts the binary at once.
runout=$(make --no-print-directory run ARGS=version 2>&1) || fail "make run ARGS=version: $runout"
if grep -E '==> .*(bindings|frontend|build build/bin)' <<<"$runout"; then fail "make run built again: $runout"; fi
grep -q '^Postdeck ' <<<"$runout" || fail "make run did not start the app: $runout"
echo "test-make: a second build of an unchanged tree did nothing (${took}s)"
