#!/usr/bin/env bash
# setup.sh installs everything Postdeck needs to build, run and test, and skips
# what is already there, so a second run takes a few seconds and prints one line.
#   scripts/setup.sh               system packages, the wails CLI, Go modules, npm packages
#   scripts/setup.sh --run         only what building and running the app needs (`make run`):
#                                  no Xvfb, Chromium or end-to-end test packages
#   scripts/setup.sh --screenshot  also imagemagick, for `make screenshot`
#   scripts/setup.sh --syncthing   also syncthing and iproute2, for `make test-syncthing`
#   scripts/setup.sh --dist        also the Windows cross compiler, NSIS and Wine, for `make dist`
# It needs root or sudo for apt-get the first time. Output of the installers is
# kept in build/setup.log and shown only when something fails.
set -euo pipefail
cd "$(dirname "$0")/.."

WAILS_VERSION=v2.16.0   # keep in step with github.com/wailsapp/wails/v2 in go.mod
# What building and running needs; the tests add Xvfb, Chromium and curl.
RUN_PACKAGES=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.0-dev)
TEST_PACKAGES=(xvfb xauth chromium curl)
APT_PACKAGES=("${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}")
RUN_ONLY=0
for opt in "$@"; do
  case $opt in
    --run)        RUN_ONLY=1 ;;
    --screenshot) APT_PACKAGES+=(imagemagick) ;;
    --syncthing)  APT_PACKAGES+=(syncthing iproute2) ;;   # `ip` brings up lo in the test's namespace
    # mingw-w64 compiles cgo SQLite for Windows, nsis makes the installer;
    # test-dist runs the Windows build with wine (the `wine` command) and
    # wine64, and checks the desktop entry with desktop-file-validate.
    --dist)       APT_PACKAGES+=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 nsis wine wine64 desktop-file-utils) ;;
    *) echo "setup: unknown option $opt (known: --run --screenshot --syncthing --dist)" >&2; exit 2 ;;
  esac
done
[ "$RUN_ONLY" -eq 0 ] || APT_PACKAGES=("${RUN_PACKAGES[@]}")

LOG=build/setup.log
mkdir -p build
did=()
log() { printf '==> [%s] setup: %s\n' "$(date +%T)" "$*"; }
# run_logged DESCRIPTION CMD...: runs CMD with its output in $LOG; on failure
# shows the end of it. A slow step says every 20 s that it is still working.
run_logged() {
  local what=$1; shift
  log "$what"
  did+=("$what")
  printf '\n### %s: %s\n' "$(date -u +%FT%TZ)" "$*" >>"$LOG"
  local start pid rc
  start=$(date +%s)
  "$@" >>"$LOG" 2>&1 &
  pid=$!
  while ! wait_a_while "$pid" 20; do
    local el=$(( $(date +%s) - start ))
    printf '    … still working (%dm%02ds); output in %s\n' $((el / 60)) $((el % 60)) "$LOG"
  done
  rc=0
  wait "$pid" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "setup: FAILED: $*" >&2
    tail -n 40 "$LOG" >&2
    echo "setup: full output in $LOG" >&2
    exit 1
  fi
}

# wait_a_while PID SECONDS: true once PID has ended, false after SECONDS.
wait_a_while() {
  local i
  for ((i = 0; i < $2; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 1
  done
  ! kill -0 "$1" 2>/dev/null
}

# apt_update runs apt-get update, waiting (up to 10 minutes) while another
# program holds the package lists' lock, which DPkg::Lock::Timeout does not
# cover.
apt_update() {
  local start out rc held retry=${POSTDECK_APT_RETRY:-10}
  start=$(date +%s)
  log "apt-get update"
  did+=("apt-get update")
  while :; do
    printf '\n### %s: %s update -q\n' "$(date -u +%FT%TZ)" "${APT[*]}" >>"$LOG"
    rc=0
    out=$("${APT[@]}" update -q 2>&1) || rc=$?
    printf '%s\n' "$out" >>"$LOG"
    [ "$rc" -ne 0 ] || return 0
    if [[ $out != *"Could not get lock"* ]] || [ $(( $(date +%s) - start )) -ge 600 ]; then
      echo "setup: FAILED: apt-get update" >&2
      tail -n 40 "$LOG" >&2
      echo "setup: full output in $LOG" >&2
      exit 1
    fi
    held=$(grep -o -m1 'held by process [0-9]* ([^)]*)' <<<"$out" || true)
    printf '    … another program is using apt%s; waiting for it (%ds)\n' "${held:+ ($held)}" $(( $(date +%s) - start ))
    sleep "$retry"
  done
}

# --- Debian packages -----------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=()
  [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  # Another program (unattended-upgrades, a software centre) may hold apt's
  # lock for a while: wait for it, up to 10 minutes, instead of failing.
  APT=("${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600)
  apt_update
  run_logged "installing system packages: ${missing[*]}" \
    "${APT[@]}" install -y -q --no-install-recommends "${missing[@]}"
fi

# --- the wails CLI, pinned -------------------------------------------------------
command -v go >/dev/null || { echo "setup: Go is not installed (need Go 1.26)" >&2; exit 1; }
GOBIN_DIR="$(go env GOPATH)/bin"
export PATH="$GOBIN_DIR:$PATH"
# (No `| grep -q` here: with pipefail, grep quitting early fails the pipe.)
wails_have=$("$GOBIN_DIR/wails" version 2>/dev/null || true)
if [[ "$wails_have" != *"$WAILS_VERSION"* ]]; then
  run_logged "installing the wails CLI ${WAILS_VERSION} (about 2 min the first time)" \
    go install "github.com/wailsapp/wails/v2/cmd/wails@${WAILS_VERSION}"
fi

# --- npm packages, from the committed lock files -----------------------------------
# npm 10 cannot reliably add packages to the frontend's tree; `npm ci` from a lock
# file works with npm 10 and 11 alike, so it is all this script does.
npm_ci() {   # DIR
  local dir=$1
  [ -f "$dir/package-lock.json" ] || return 0
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ] ||
     [ "$dir/package.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    run_logged "npm ci in $dir/" bash -c "cd '$dir' && npm ci --no-audit --no-fund --loglevel=error"
  fi
}
command -v npm >/dev/null || { echo "setup: Node.js/npm is not installed (need Node 20)" >&2; exit 1; }
npm_ci frontend
[ "$RUN_ONLY" -eq 1 ] || npm_ci e2e   # the end-to-end tests' packages

# --- Go modules ----------------------------------------------------------------
# Offline first: that answers in a moment when the module cache has them all.
if ! GOPROXY=off go mod download >/dev/null 2>&1; then
  run_logged "downloading Go modules" go mod download
fi

if [ ${#did[@]} -eq 0 ]; then
  log "everything is installed"
else
  log "done"
fi
