#!/usr/bin/env bash
# Put IOPdesk in the Linux desktop's application menu, for the current user.
#   bash packaging/install-desktop-entry.sh [EXECUTABLE]
# EXECUTABLE is what the menu entry runs: the bundle's launcher (dist/iopdesk/iopdesk, or the
# folder wherever you copied it), or an installed `iopdesk`. Without it: the bundle built in this
# checkout, else this checkout's .venv/bin/iopdesk, else `iopdesk` on PATH.
# Writes $XDG_DATA_HOME/applications/iopdesk.desktop (default ~/.local/share) and the 256 px
# icon into the hicolor theme there; run it again after moving the app.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
target="${1:-}"
if [ -z "$target" ]; then
  for candidate in "$repo/dist/iopdesk/iopdesk" "$repo/.venv/bin/iopdesk" "$(command -v iopdesk || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then target="$candidate"; break; fi
  done
fi
if [ -z "$target" ] || [ ! -x "$target" ]; then
  echo "install-desktop-entry: no IOPdesk to run; build the bundle (packaging/build-bundle.sh)" \
       "or name the executable: bash packaging/install-desktop-entry.sh /path/to/iopdesk" >&2
  exit 2
fi
target="$(cd "$(dirname "$target")" && pwd)/$(basename "$target")"

data="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$data/applications" "$data/icons/hicolor/256x256/apps"
install -m 0644 "$here/iopdesk.png" "$data/icons/hicolor/256x256/apps/iopdesk.png"
# The desktop entry spec: a path with spaces is quoted, and a literal % is written %%.
exec_path="\"$(printf '%s' "$target" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/%/%%/g')\""
sed "s|^Exec=.*|Exec=$exec_path|" "$here/iopdesk.desktop" >"$data/applications/iopdesk.desktop"
chmod 0644 "$data/applications/iopdesk.desktop"
# Menus pick the entry up by themselves; these only refresh caches where the tools exist.
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
# (An icon cache is only refreshed where one exists: a new, partial one would hide other icons.)
if [ -f "$data/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
  gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
fi
echo "install-desktop-entry: $data/applications/iopdesk.desktop runs $target"
