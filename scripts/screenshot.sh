#!/usr/bin/env bash
# screenshot.sh [OUT.png]: takes docs/screenshot.png (or OUT.png) of the real
# window of the release binary under Xvfb, on a throw-away workspace.
#   1. the command line (build/bin/postdeck) adds a small team;
#   2. first-run onboarding (naming the workspace, "who are you") has no
#      command, so e2e/tools/onboard.mjs calls the window's Go binding
#      Workspace.Onboard from the dev build's page (build/bin/postdeck-e2e);
#   3. the release binary opens its window on that workspace under Xvfb, and
#      imagemagick's `import -window root` takes the screen once it is steady.
# The picture shows the content calendar of this month. Run it through `make screenshot`, which
# builds both binaries first.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=build/bin/postdeck
W=1280 H=820   # the window's size in main.go; without a window manager it sits at 0,0

if [ "${1:-}" = --in-xvfb ]; then
  # Runs inside xvfb-run: $DATA, $OUT, $IMPORT, $IDENTIFY, $APPLOG are set.
  "$BIN" --data-dir "$DATA" >"$APPLOG" 2>&1 &
  app=$!
  trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true' EXIT
  shot=$(mktemp --suffix=.png)
  prev="" steady=0 colours=0
  # A settled, non-blank screen: the same pixels for 1.5 s, and many colours.
  for _ in $(seq 1 60); do
    sleep 0.5
    kill -0 "$app" 2>/dev/null || { echo "screenshot: the app exited:" >&2; cat "$APPLOG" >&2; exit 1; }
    "$IMPORT" -window root "$shot"
    read -r sig colours < <("$IDENTIFY" -format '%# %k\n' "$shot")
    if [ "$sig" = "$prev" ] && [ "$colours" -gt 64 ]; then
      steady=$((steady + 1))
      [ "$steady" -ge 3 ] && break
    else
      steady=0
    fi
    prev=$sig
  done
  if [ "$colours" -le 64 ]; then
    echo "screenshot: the window is blank ($colours colours): did the page crash? App log: $APPLOG" >&2
    cp "$shot" "$(dirname "$APPLOG")/screenshot-blank.png" 2>/dev/null || true
    exit 1
  fi
  [ "$steady" -ge 3 ] || echo "screenshot: the screen never settled; taking it anyway" >&2
  mkdir -p "$(dirname "$OUT")"
  mv "$shot" "$OUT"
  exit 0
fi

OUT=${1:-docs/screenshot.png}
[ -x "$BIN" ] && [ -x build/bin/postdeck-e2e ] || { echo "screenshot: run it as \`make screenshot\` (it builds $BIN and build/bin/postdeck-e2e)" >&2; exit 1; }
scripts/setup.sh --screenshot   # imagemagick

# A stand-in `convert` may shadow imagemagick's on PATH: use Debian's own.
pick() { if [ -x "/usr/bin/$1" ]; then echo "/usr/bin/$1"; else command -v "$1"; fi; }
IMPORT=$(pick import) IDENTIFY=$(pick identify)

DATA=$(mktemp -d /tmp/postdeck-screenshot.XXXXXX)
trap 'rm -rf "$DATA"' EXIT
mkdir -p e2e/.artifacts
APPLOG=$PWD/e2e/.artifacts/screenshot-app.log

pd() { "$BIN" --data-dir "$DATA" "$@"; }
id_of() { sed -n 's/^  "id": "\(.*\)",$/\1/p' | head -n1; }

echo "==> screenshot: a team in a throw-away workspace"
ana=$(pd member add --name "Ana Putri" --email ana@example.com --role content_creator \
        --network instagram --network tiktok --capacity 32 --json | id_of)
pd member add --name "Budi Santoso" --role copywriter --role community_manager \
   --network instagram --network facebook --capacity 24 --backup "$ana" --json >/dev/null
pd member add --name "Citra Lestari" --role video_editor --network youtube --network tiktok \
   --capacity 16 --freelancer --json >/dev/null
pd member add --name "Dewi Anggraini" --role graphic_designer --network instagram --network pinterest \
   --capacity 20 --backup "$ana" --json >/dev/null

node e2e/tools/onboard.mjs "$DATA" '{"workspaceName":"Kopi Nusantara","timeZone":"Asia/Jakarta",
  "me":{"name":"Sari Wulandari","email":"sari@example.com","roles":["social_media_manager"],
        "networks":["instagram","tiktok","linkedin"],"capacityHours":40}}' >/dev/null

echo "==> screenshot: channels, a campaign and this month's posts"
ig=$(pd channel add --network instagram --handle @kopinusantara --color '#d6336c' --cadence 4 --json | id_of)
tt=$(pd channel add --network tiktok --handle @kopinusantara --color '#1c7ed6' --cadence 3 --json | id_of)
li=$(pd channel add --network linkedin --handle 'Kopi Nusantara' --color '#0b7285' --cadence 1 --json | id_of)
month=$(date -u +%Y-%m)
pd campaign add --name "Promo Akhir Tahun" --kind promotion --from "$month-15" --to "$month-28" --color '#ffe066' --json >/dev/null
post() { pd post add --owner "$ana" --json "$@" >/dev/null; }
post --title "Kopi susu gula aren" --text "Manisnya pas." --channel "$ig" --date "$month-03" --time 09:00
post --title "Behind the bar" --text "Kenalan dengan barista kami." --channel "$tt" --date "$month-05" --time 18:30
post --title "Lowongan barista" --text "Kami mencari barista." --channel "$li" --date "$month-06"
post --title "Resep cold brew" --text "Cara membuat cold brew." --channel "$ig" --channel "$tt" --date "$month-10" --time 10:00
post --title "Diskon 20% kopi susu" --text "Promo akhir tahun." --channel "$ig" --channel "$tt" --date "$month-16" --time 09:30
post --title "Giveaway tumbler" --text "Ikuti dan menangkan." --channel "$ig" --date "$month-19" --time 12:00
post --title "Live seduh manual" --text "Live jam 7 malam." --channel "$tt" --date "$month-21" --time 19:00
post --title "Rekap tahun ini" --text "Terima kasih!" --channel "$li" --channel "$ig" --date "$month-27"
post --title "Tips Senin" --text "Tip seduh minggu ini." --channel "$ig" --date "$month-01" --time 08:00 \
     --repeat weekly --on MO --until "$month-28"
pd workspace set --keeper "$ana" --json >/dev/null
post --title "Ide: kolaborasi dengan roastery lokal"
post --title "Ide: seri video asal biji kopi"

echo "==> screenshot: the window under Xvfb"
export DATA OUT IMPORT IDENTIFY APPLOG
xvfb-run -a -s "-screen 0 ${W}x${H}x24" "$0" --in-xvfb
echo "==> screenshot: $OUT ($("$IDENTIFY" -format '%wx%h' "$OUT"))"
