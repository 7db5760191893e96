#!/usr/bin/env bash
# test-dist.sh (run it through `make test-dist`) proves the release files work:
#  1. builds dist/ with `make dist` in a clean copy of the tracked files (the
#     working tree as git sees it: no node_modules, generated code or
#     untracked files), and copies the result to dist/;
#  2. checks names, SHA256SUMS, the .deb's metadata and desktop entry;
#  3. installs the .deb with apt-get, runs `postdeck version` and
#     `postdeck doctor` from the PATH, and removes the package again unless
#     it was installed before (the data folder stays);
#  4. runs the Windows .exe under Wine (headless): version --json, doctor,
#     member add, member list --json on a fresh data folder, and syncs with the
#     Linux build through one shared folder, each way;
#  5. checks the installer is a Windows program holding that same .exe, then
#     installs it silently under Wine, runs the installed copy, and uninstalls
#     it, checking the data folder survives.
# The Wine runs need a stand-in bcryptprimitives.dll (scripts/wine/): test
# scaffolding built here, never part of dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${VERSION:?set VERSION}" "${COMMIT:?set COMMIT}" "${BUILD_DATE:?set BUILD_DATE}"
V=${VERSION#v}
started=$(date +%s)

work=$(mktemp -d "${TMPDIR:-/tmp}/postdeck-test-dist.XXXXXX")
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)
remove_deb=
cleanup() {
  if [ -n "$remove_deb" ]; then
    "${SUDO[@]}" apt-get remove -y -q postdeck >/dev/null 2>&1 || true
  fi
  if [ -d "$work/wine" ]; then WINEPREFIX=$work/wine wineserver -k >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
log() { printf '==> [%s] test-dist: %s\n' "$(date +%T)" "$*"; }
ok() { passed=$((passed + 1)); printf '    ok    %s\n' "$1"; }
bad() { failed=$((failed + 1)); printf '    FAIL  %s\n' "$1"; [ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/          /' | head -n 20; }
# check DESCRIPTION CMD...: passes when CMD succeeds; shows its output if not.
check() {
  local what=$1 out; shift
  if out=$("$@" 2>&1); then ok "$what"; else bad "$what" "$out"; fi
}
# json FILE EXPR: evaluates a JavaScript expression over the JSON in FILE (as `j`).
json() { node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = eval(process.argv[2]); if (!v) { console.error("not true: " + process.argv[2] + "\n" + JSON.stringify(j, null, 2)); process.exit(1); }' "$1" "$2"; }

# --- 1. build from a clean copy -----------------------------------------------
log "building dist/ in a clean copy of the tree"
tree=$(git stash create 2>/dev/null || true)
mkdir -p "$work/src"
git archive "${tree:-HEAD}" | tar -x -C "$work/src"
make -C "$work/src" --no-print-directory dist VERSION="$VERSION" COMMIT="$COMMIT" BUILD_DATE="$BUILD_DATE"
rm -rf dist
cp -r "$work/src/dist" dist
built=$(date +%s)

lin=dist/postdeck-$V-linux-amd64
win=dist/postdeck-$V-windows-amd64.exe
inst=dist/postdeck-$V-windows-amd64-installer.exe
deb=$(ls dist/postdeck_*_amd64.deb)

# --- 2. the files ---------------------------------------------------------------
log "checking the files"
check "dist/ holds the Linux binary, the .deb, the .exe, the installer and SHA256SUMS" \
  test -x "$lin" -a -s "$deb" -a -s "$win" -a -s "$inst" -a -s dist/SHA256SUMS
check "SHA256SUMS lists every file and they match" bash -c \
  'cd dist && sha256sum -c --strict SHA256SUMS && [ "$(wc -l <SHA256SUMS)" -eq "$(ls | grep -vc "^SHA256SUMS$")" ]'
"$lin" version --json >"$work/lin-version.json" 2>&1 || true
check "the Linux binary says it is $VERSION ($COMMIT, built $BUILD_DATE)" json "$work/lin-version.json" \
  "j.version === '$VERSION' && j.commit === '$COMMIT' && j.buildDate === '$BUILD_DATE' && /^go1\./.test(j.goVersion) && /^3\.\d+\.\d+$/.test(j.sqliteVersion)"
check "the .exe carries the WebView2 bootstrapper (built with -webview2 embed)" \
  bash -c "go version -m '$win' | grep -q 'build.*-tags=.*wv2runtime.embed'"
check "no build machine paths in the binaries (-trimpath)" \
  bash -c "! grep -qaF -e '$work' -e '$(go env GOMODCACHE)' '$lin' '$win'"
depends=$(dpkg-deb -f "$deb" Depends)
check "the .deb depends on the WebKitGTK and GTK runtime packages, no -dev package: $depends" bash -c \
  "[[ '$depends' == *libwebkit2gtk-4.0-37* && '$depends' == *libgtk-3-0* && '$depends' != *-dev* ]]"
# Every library the binary needs comes from a package named in Depends.
missing=
for lib in $(objdump -p "$lin" | awk '/NEEDED/ {print $2}'); do
  pkg=$(dpkg -S "*/$lib" 2>/dev/null | head -n1 | cut -d: -f1 || true)
  [[ -n $pkg && ", $depends," == *", $pkg "* || ", $depends," == *", $pkg,"* ]] || missing+=" $lib(${pkg:-no package})"
done
check "every library the binary links (objdump NEEDED) comes from a package in Depends" test -z "$missing"
[ -z "$missing" ] || printf '          not covered:%s\n' "$missing"
contents=$(dpkg-deb -c "$deb")
check "the .deb installs the binary, a desktop entry and icons" bash -c \
  "grep -q ' ./usr/bin/postdeck$' <<<'$contents' && grep -q ' ./usr/share/applications/postdeck.desktop$' <<<'$contents' && grep -q ' ./usr/share/icons/hicolor/256x256/apps/postdeck.png$' <<<'$contents'"
mkdir -p "$work/deb" && dpkg-deb -x "$deb" "$work/deb"
check "the desktop entry is valid (desktop-file-validate)" desktop-file-validate "$work/deb/usr/share/applications/postdeck.desktop"

# --- 3. install the .deb ---------------------------------------------------------
log "installing $deb with apt-get"
if dpkg-query -W -f='${Status}' postdeck 2>/dev/null | grep -q 'install ok installed'; then
  echo "    (postdeck was installed before this test: it stays installed, now at this version)"
else
  remove_deb=yes
fi
export DEBIAN_FRONTEND=noninteractive
check "apt-get install ./$deb" "${SUDO[@]}" apt-get install -y -q --no-install-recommends "./$deb"
check "postdeck is on the PATH as /usr/bin/postdeck" test "$(command -v postdeck)" = /usr/bin/postdeck
postdeck version >"$work/deb-version.txt" 2>&1 || true
check "postdeck version: $(cat "$work/deb-version.txt")" grep -q "^Postdeck $VERSION (commit $COMMIT" "$work/deb-version.txt"
# doctor on the default data folder of a throw-away home.
home=$work/home
mkdir -p "$home"
env -u XDG_DATA_HOME -u POSTDECK_DATA_DIR HOME="$home" postdeck doctor >"$work/doctor.txt" 2>&1 || true
check "postdeck doctor finds a healthy workspace in ~/.local/share/postdeck" \
  grep -qx "Data folder: *$home/.local/share/postdeck" "$work/doctor.txt"
check "postdeck doctor says Status: OK" grep -q "Status: *OK" "$work/doctor.txt"
if [ -n "$remove_deb" ]; then
  check "apt-get remove postdeck" "${SUDO[@]}" apt-get remove -y -q postdeck
  remove_deb=
  check "removing the package leaves the user's data folder" test -s "$(ls "$home"/.local/share/postdeck/*.db | head -n1)"
fi

# --- 4. the Windows build under Wine ---------------------------------------------
log "running the Windows build under Wine"
export WINEPREFIX=$work/wine WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko prompts; the stand-in bcryptprimitives.dll wins over Wine's.
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n"
# Headless: nothing here opens a window, and none should pop up on a desktop.
unset DISPLAY WAYLAND_DISPLAY
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" scripts/wine/processprng.c
# wine TIMEOUT ARGS...: one Wine run, stdout only (Wine's own chatter goes to stderr).
wine_run() { local t=$1; shift; timeout "$t" wine "$@" 2>>"$work/wine.log"; }
timeout 180 wineboot --init >>"$work/wine.log" 2>&1
# A new prefix says Windows 7; the installer wants Windows 10 or later.
timeout 60 winecfg -v win10 >>"$work/wine.log" 2>&1
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
wine_run 60 "$win" version --json >"$work/win-version.json" || true
check "postdeck.exe version --json says $VERSION with SQLite compiled in" json "$work/win-version.json" \
  "j.version === '$VERSION' && j.commit === '$COMMIT' && /^3\.\d+\.\d+$/.test(j.sqliteVersion)"
wine_run 60 "$win" doctor --json >"$work/win-doctor.json" || true
check "postdeck.exe doctor: a fresh workspace in %AppData%\\Postdeck" json "$work/win-doctor.json" \
  "/^C:\\\\users\\\\[^\\\\]+\\\\AppData\\\\Roaming\\\\Postdeck\$/.test(j.dataDir) && j.members === 0 && j.schemaVersion > 0"
wine_run 60 "$win" member add --name 'Ana Wulandari' --role social_media_manager --json >"$work/win-add.json" || true
check "postdeck.exe member add --json" json "$work/win-add.json" "j.name === 'Ana Wulandari' && j.id.length === 36"
wine_run 60 "$win" member list --json >"$work/win-list.json" || true
id=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).id' "$work/win-add.json" 2>/dev/null || true)
check "postdeck.exe member list --json shows Ana from the Windows database" json "$work/win-list.json" \
  "j.length === 1 && j[0].name === 'Ana Wulandari' && j[0].id === '$id' && j[0].roles[0] === 'social_media_manager'"
rc=0
wine_run 60 "$win" member add --name "" --json >"$work/win-bad.json" || rc=$?
check "postdeck.exe refuses a member without a name with exit code 2" test "$rc" -eq 2
# A team mixes Windows and Linux: both builds share one folder, each way,
# encrypted (the default for a newly shared workspace).
shared=$work/shared
mkdir -p "$shared"
wine_run 60 "$win" sync connect "Z:${shared//\//\\}" --json >"$work/win-connect.json" || true
check "postdeck.exe sync connect Z:\\…\\shared writes its changes there, encrypted" json "$work/win-connect.json" "j.pushed > 0"
check "no file in the folder shows the member's name" sh -c "! grep -rqaF 'Ana Wulandari' '$shared'"
"$lin" --data-dir "$work/linux-peer" sync join "$shared" --json >"$work/lin-join.json" 2>&1 || true
"$lin" --data-dir "$work/linux-peer" sync status --json >"$work/lin-status.json" 2>&1 || true
check "the Linux build joins that folder and waits to be confirmed before it reads anything" json "$work/lin-status.json" \
  "j.encryption.waiting === 'waiting_confirmation'"
wine_run 60 "$win" sync --once --json >"$work/win-sync.json" || true
# The Linux computer is new: it waits until the workspace's first computer
# confirms it, choosing whom it belongs to, and hands it the key.
wine_run 60 "$win" device list --json >"$work/win-devices.json" || true
check "postdeck.exe lists the Linux computer as waiting to be confirmed" json "$work/win-devices.json" \
  "j.filter((d) => d.state === 'waiting').length === 1"
peer=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).find((d) => d.state === "waiting").id' "$work/win-devices.json" 2>/dev/null || true)
wine_run 60 "$win" device confirm "$peer" --as "$id" --json >"$work/win-confirm.json" || true
wine_run 60 "$win" sync --once --json >/dev/null || true
"$lin" --data-dir "$work/linux-peer" sync --once --json >/dev/null 2>&1 || true
"$lin" --data-dir "$work/linux-peer" member list --json >"$work/lin-list.json" 2>&1 || true
check "the Linux build, confirmed, gets Ana from the Windows build" json "$work/lin-list.json" \
  "j.length === 1 && j[0].id === '$id'"
"$lin" --data-dir "$work/linux-peer" member add --name Budi --role copywriter --json >/dev/null 2>&1 || true
"$lin" --data-dir "$work/linux-peer" sync --once --json >/dev/null 2>&1 || true
wine_run 60 "$win" sync --once --json >"$work/win-sync2.json" || true
wine_run 60 "$win" member list --json >"$work/win-list2.json" || true
check "postdeck.exe gets Budi from the confirmed Linux computer" json "$work/win-list2.json" \
  "j.map((m) => m.name).sort().join() === 'Ana Wulandari,Budi'"

# --- 5. the installer --------------------------------------------------------------
log "checking the installer"
# pe FILE: prints the PE machine type if FILE is a Windows executable ("MZ",
# then "PE\0\0" where the DOS header's e_lfanew points).
pe() {
  [ "$(head -c2 "$1")" = MZ ] || return 1
  local off; off=$(od -An -tu4 -j60 -N4 "$1" | tr -d ' ')
  [ "$(od -An -c -j"$off" -N4 "$1" | tr -d ' ')" = 'PE\0\0' ] || return 1
  od -An -tx2 -j$((off + 4)) -N2 "$1" | tr -d ' '
}
check "the .exe is a 64-bit Windows executable" test "$(pe "$win")" = 8664
check "the installer is a 64-bit Windows executable" test "$(pe "$inst")" = 8664
check "the installer is an NSIS installer" grep -qa NullsoftInst "$inst"
# Pretend the WebView2 runtime is there, so the installer does not run its
# bootstrapper (which needs the internet); then install silently.
timeout 60 wine reg add 'HKLM\SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}' \
  /v pv /t REG_SZ /d 120.0.0.0 /f >>"$work/wine.log" 2>&1 || true
check "the installer installs silently (/S)" wine_run 120 "$inst" /S
installed=$WINEPREFIX/drive_c/Program\ Files/Postdeck/Postdeck
check "the installed Postdeck.exe is the .exe in dist/" cmp "$installed/Postdeck.exe" "$win"
wine_run 60 "$installed/Postdeck.exe" member list --json >"$work/inst-list.json" || true
check "the installed Postdeck.exe opens the same workspace (Ana is there)" json "$work/inst-list.json" "j.some((m) => m.id === '$id')"
menu=$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start\ Menu/Programs/Postdeck.lnk
check "the installer put a shortcut in the Start menu" test -s "$menu"
check "the uninstaller runs silently (/S)" wine_run 120 "$installed/uninstall.exe" /S
for _ in $(seq 1 20); do [ -e "$installed/Postdeck.exe" ] || break; sleep 0.5; done
check "uninstalling removes the program and its shortcut" test ! -e "$installed/Postdeck.exe" -a ! -e "$menu"
appdata=$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData/Roaming/Postdeck)
check "uninstalling leaves the data folder %AppData%\\Postdeck" test -s "$(ls "$appdata"/*.db | head -n1)"

secs=$(($(date +%s) - started))
log "built in $((built - started)) s, tested in $((secs - (built - started))) s"
echo "test-dist: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
