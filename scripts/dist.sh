#!/usr/bin/env bash
# dist.sh builds the release files into dist/ (run it through `make dist`,
# which installs the tools and builds the frontend first):
#   postdeck-VERSION-linux-amd64                 the Linux binary
#   postdeck_DEBVERSION_amd64.deb                the Debian/Ubuntu package
#   postdeck-VERSION-windows-amd64.exe           the Windows binary
#   postdeck-VERSION-windows-amd64-installer.exe the Windows installer (NSIS)
#   SHA256SUMS                                   checksums of all of them
# VERSION, COMMIT and BUILD_DATE come from the Makefile (git describe).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${VERSION:?set VERSION}" "${COMMIT:?set COMMIT}" "${BUILD_DATE:?set BUILD_DATE}"

TAGS=sqlite_fts5
LDFLAGS="-X main.version=$VERSION -X main.commit=$COMMIT -X main.buildDate=$BUILD_DATE"
# -trimpath keeps the build machine's paths out of what is shipped.
WAILS_FLAGS=(-tags "$TAGS" -s -skipbindings -nosyncgomod -m -trimpath -ldflags "$LDFLAGS")
V=${VERSION#v}
OUT=dist
LOG=$PWD/build/dist.log

log() { printf '==> [%s] dist: %s\n' "$(date +%T)" "$*"; }
# quiet CMD...: runs CMD with its output in $LOG; on failure shows the end of it.
quiet() {
  printf '\n### %s\n' "$*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    echo "dist: FAILED: $*" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
}

# A build of an exact release tag must carry the same version in the Windows
# file properties and the installer, which come from wails.json.
if [[ $VERSION =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  product=$(sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' wails.json)
  if [ "$product" != "$V" ]; then
    echo "dist: the tag says $V but wails.json's info.productVersion says $product: make them agree" >&2
    exit 2
  fi
fi

mkdir -p build
: >"$LOG"
rm -rf "$OUT"
mkdir -p "$OUT"

# --- Linux ----------------------------------------------------------------------
log "Linux binary"
quiet wails build -platform linux/amd64 "${WAILS_FLAGS[@]}" -o postdeck
cp build/bin/postdeck "$OUT/postdeck-$V-linux-amd64"

log "Debian package"
# Debian versions must start with a digit and, without a revision, hold no '-'.
debver=$V
[[ $debver =~ ^[0-9]+\.[0-9] ]] || debver="0.0.0+g$debver"
debver=${debver//-/+}
deb=$(mktemp -d)
trap 'rm -rf "$deb"' EXIT
root=$deb/root
install -Dm755 build/bin/postdeck "$root/usr/bin/postdeck"
install -Dm644 packaging/linux/postdeck.desktop "$root/usr/share/applications/postdeck.desktop"
go run ./tools/iconsizes build/appicon.png "$root/usr/share/icons/hicolor" 512 256 128 64 32
# The runtime packages the binary links against, worked out by dpkg-shlibdeps
# from its NEEDED libraries and Debian's shlibs/symbols files (it wants a
# debian/control to sit in).
mkdir -p "$deb/debian"
printf 'Source: postdeck\n\nPackage: postdeck\nArchitecture: amd64\n' >"$deb/debian/control"
depends=$(cd "$deb" && dpkg-shlibdeps -O -e root/usr/bin/postdeck 2>>"$LOG" | sed -n 's/^shlibs:Depends=//p')
if [ -z "$depends" ] || [[ $depends == *-dev* ]]; then
  echo "dist: cannot work out the package's dependencies (got '$depends'); see $LOG" >&2
  exit 1
fi
mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: postdeck
Version: $debver
Architecture: amd64
Maintainer: Postdeck contributors <postdeck@users.noreply.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Section: utils
Priority: optional
Description: content calendar and workspace for small social media teams
 Postdeck keeps a social media team's content calendar, approval workflow
 and team on each person's computer, works offline, and shares the
 workspace through an ordinary shared folder (Dropbox, Google Drive,
 Syncthing, a network drive). The same binary runs headless commands.
CONTROL
quiet dpkg-deb --root-owner-group -Zxz --build "$root" "$OUT/postdeck_${debver}_amd64.deb"

# --- Windows (cross-compiled: cgo SQLite with mingw-w64, installer with NSIS) ---
log "Windows binary and installer"
rm -f build/bin/postdeck.exe build/bin/Postdeck-amd64-installer.exe
# -webview2 embed: a bare .exe on a PC without the WebView2 runtime offers to
# run Microsoft's bootstrapper, which it carries (the installer runs the same
# bootstrapper when the runtime is missing).
quiet env CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
  wails build -platform windows/amd64 -nsis -webview2 embed "${WAILS_FLAGS[@]}" -o postdeck.exe
# wails prints only a warning when makensis is missing.
for f in build/bin/postdeck.exe build/bin/Postdeck-amd64-installer.exe; do
  [ -s "$f" ] || { echo "dist: $f was not built; see $LOG" >&2; exit 1; }
done
cp build/bin/postdeck.exe "$OUT/postdeck-$V-windows-amd64.exe"
cp build/bin/Postdeck-amd64-installer.exe "$OUT/postdeck-$V-windows-amd64-installer.exe"

# --- checksums ----------------------------------------------------------------
(cd "$OUT" && sha256sum -- * >SHA256SUMS)
log "done:"
(cd "$OUT" && ls -l | awk 'NR>1 {printf "    %10d  %s\n", $5, $9}')
