#!/usr/bin/env bash
# setup.sh installs everything Postdeck needs to build, run and test, and skips
# what is already there, so a second run takes seconds.
#   scripts/setup.sh          system packages, the wails CLI, Go modules, npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

WAILS_VERSION=v2.16.0
APT_PACKAGES=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.0-dev xvfb xauth chromium curl)

log() { printf '==> %s\n' "$*"; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

GOBIN="$(go env GOPATH)/bin"
export PATH="$PATH:$GOBIN"
if ! wails version 2>/dev/null | grep -q "${WAILS_VERSION}"; then
  log "installing the wails CLI ${WAILS_VERSION}"
  go install "github.com/wailsapp/wails/v2/cmd/wails@${WAILS_VERSION}"
fi

# npm 10 cannot add packages to this tree reliably; npm ci from the lock file works on both.
if [ -f frontend/package-lock.json ]; then
  if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
    log "installing frontend packages"
    (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
if [ -f e2e/package-lock.json ]; then
  if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
    log "installing end-to-end test packages"
    (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

if [ -f go.mod ]; then
  go mod download
fi
log "setup done"
