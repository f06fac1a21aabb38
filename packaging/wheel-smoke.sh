#!/usr/bin/env bash
# Wheel smoke test (CI runs it from `quickstart.sh --test`): build the sdist and, from it, the
# wheel; install the wheel into a fresh virtual environment in a temp folder outside the
# checkout; then packaging/smoke.py runs that install's `iopdesk` from a temp folder: the
# wheel's resources, --version, demo, every document the CLI prints, the .ics export, and the
# GUI offscreen for a few seconds.
#   bash packaging/wheel-smoke.sh [PYTHON]   PYTHON has `build` (default: .venv/bin/python)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${1:-$repo/.venv/bin/python}"
case "$python" in */*) python="$(cd "$(dirname "$python")" && pwd)/$(basename "$python")" ;; esac
work="$(mktemp -d "${TMPDIR:-/tmp}/iopdesk-wheel-XXXXXX")"
trap 'rm -rf "$work"' EXIT

if ! "$python" -m build --outdir "$work/dist" "$repo" >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  exit 1
fi
wheel=$(ls "$work"/dist/iopdesk-*.whl)
cd "$work"  # from here on the checkout is on no path
"$python" -m venv venv
venv/bin/python -m pip install -q "$wheel"
"$python" -I "$repo/packaging/smoke.py" "$work/venv/bin/iopdesk" --wheel "$wheel"
