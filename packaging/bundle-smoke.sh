#!/usr/bin/env bash
# Smoke test of the desktop bundle (run by hand after build-bundle.sh; not part of CI).
# Runs dist/iopdesk/iopdesk from a temp folder in an empty environment (PATH=/usr/bin:/bin and a
# scratch HOME only: no virtual environment, no PYTHONPATH): --version, demo, printing a plan,
# the GUI offscreen for a few seconds. Then it reports the bundle's unpacked size (budget 250 MB)
# and its cold start, process start to the sign-in window on a virtual screen, against the
# installed app build-bundle.sh left in build/bundle-venv (paired runs, median ratio <= 1.2).
#   bash packaging/bundle-smoke.sh [RUNS]      RUNS paired cold starts (default 15, at least 5)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bundle="$repo/dist/iopdesk"
installed="$repo/build/bundle-venv/bin/iopdesk"
if [ ! -x "$bundle/iopdesk" ] || [ ! -x "$installed" ]; then
  echo "bundle-smoke: build the bundle first: bash packaging/build-bundle.sh" >&2
  exit 2
fi
# The sign-in window is timed on a virtual screen (Xvfb), watched with xdotool.
if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq xvfb xdotool >/dev/null
fi
runs="${1:-15}"
[ "$runs" -ge 5 ] || { echo "bundle-smoke: at least 5 paired runs" >&2; exit 2; }
cd "$(mktemp -d "${TMPDIR:-/tmp}/iopdesk-bundle-XXXXXX")"
python3 -I "$repo/packaging/smoke.py" "$bundle/iopdesk" --documents plan \
  --size-of "$bundle" --compare-with "$installed" --runs "$runs"
