#!/usr/bin/env bash
# test-syncthing.sh: the shared-folder sync tests through a real pair of
# Syncthing instances (backend/sharedfolder/syncthing_test.go: two devices
# editing at once; syncthing_restore_test.go: a device whose data folder is
# put back from an older copy; build tag `syncthing`). The two instances
# talk over 127.0.0.1, so the tests run in a private network namespace
# (unshare -n) that has only its own loopback: no packet can leave the
# machine. Needs root, or unprivileged user namespaces
# (then it uses unshare -rn). Run it through `make test-syncthing`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --syncthing   # syncthing, iproute2, Go modules

log() { printf '==> [%s] %s\n' "$(date +%T)" "$*"; }

# Build the test outside the namespace (the module cache is all it needs, but
# the go command may want the network for nothing else), run it inside.
log "building the Syncthing test"
TEST_BIN=build/bin/sharedfolder-syncthing.test   # build/bin is ignored and `make clean` removes it
mkdir -p build/bin
go test -c -tags sqlite_fts5,syncthing -o "$TEST_BIN" ./backend/sharedfolder/

UNSHARE=(unshare -n)
[ "$(id -u)" -eq 0 ] || UNSHARE=(unshare -rn)
log "running it in a private network namespace (${UNSHARE[*]})"
start=$(date +%s)
# The test binary runs from its package's folder, as `go test` would.
bin=$PWD/$TEST_BIN
(cd backend/sharedfolder &&
  "${UNSHARE[@]}" sh -c 'ip link set lo up && exec "$0" -test.v -test.count=1 -test.run Syncthing -test.timeout 10m' "$bin")
log "Syncthing test passed in $(( $(date +%s) - start )) s"
