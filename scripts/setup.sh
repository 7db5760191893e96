#!/usr/bin/env bash
# setup.sh installs everything Postdeck needs to build, run and test, and skips
# what is already there, so a second run takes a few seconds and prints one line.
#   scripts/setup.sh               system packages, the wails CLI, Go modules, npm packages
#   scripts/setup.sh --screenshot  also imagemagick, for `make screenshot`
#   scripts/setup.sh --syncthing   also syncthing and iproute2, for `make test-syncthing`
#   scripts/setup.sh --dist        also the Windows cross compiler, NSIS and Wine, for `make dist`
# It needs root or sudo for apt-get the first time. Output of the installers is
# kept in build/setup.log and shown only when something fails.
set -euo pipefail
cd "$(dirname "$0")/.."

WAILS_VERSION=v2.16.0   # keep in step with github.com/wailsapp/wails/v2 in go.mod
APT_PACKAGES=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.0-dev xvfb xauth chromium curl)
for opt in "$@"; do
  case $opt in
    --screenshot) APT_PACKAGES+=(imagemagick) ;;
    --syncthing)  APT_PACKAGES+=(syncthing iproute2) ;;   # `ip` brings up lo in the test's namespace
    # mingw-w64 compiles cgo SQLite for Windows, nsis makes the installer;
    # test-dist runs the Windows build with wine (the `wine` command) and
    # wine64, and checks the desktop entry with desktop-file-validate.
    --dist)       APT_PACKAGES+=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 nsis wine wine64 desktop-file-utils) ;;
    *) echo "setup: unknown option $opt (known: --screenshot --syncthing --dist)" >&2; exit 2 ;;
  esac
done

LOG=build/setup.log
mkdir -p build
did=()
log() { printf '==> [%s] setup: %s\n' "$(date +%T)" "$*"; }
# run_logged DESCRIPTION CMD...: runs CMD with its output in $LOG; on failure shows the end of it.
run_logged() {
  local what=$1; shift
  log "$what"
  did+=("$what")
  printf '\n### %s: %s\n' "$(date -u +%FT%TZ)" "$*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    echo "setup: FAILED: $*" >&2
    tail -n 40 "$LOG" >&2
    echo "setup: full output in $LOG" >&2
    exit 1
  fi
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
  run_logged "apt-get update" "${SUDO[@]}" apt-get update -q
  run_logged "installing system packages: ${missing[*]}" \
    "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
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
npm_ci e2e

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
