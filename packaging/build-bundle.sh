#!/usr/bin/env bash
# Build IOPdesk as a one-folder desktop application with PyInstaller (packaging/iopdesk.spec).
#   bash packaging/build-bundle.sh          ->  dist/iopdesk/iopdesk  (run it, or copy the folder)
# It builds the wheel, installs it (with the PostgreSQL driver) into build/bundle-venv, and
# freezes that install, so the bundle carries exactly what the wheel ships. The same venv is the
# "installed app" that packaging/bundle-smoke.sh times the bundle against.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
venv=build/bundle-venv
rm -rf "$venv" build/bundle-dist build/pyinstaller dist/iopdesk
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q "build>=1.0" "pyinstaller>=6.6"
"$venv/bin/python" -m build -q --outdir build/bundle-dist . >build/bundle-build.log 2>&1 \
  || { cat build/bundle-build.log >&2; exit 1; }
wheel=$(ls build/bundle-dist/iopdesk-*.whl)
"$venv/bin/python" -m pip install -q "${wheel}[postgres]"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/iopdesk.spec
echo "build-bundle: dist/iopdesk/iopdesk ($(du -sh dist/iopdesk | cut -f1) unpacked)"
