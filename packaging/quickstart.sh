#!/usr/bin/env bash
# IOPdesk quick start. Installs everything IOPdesk needs into ./.venv, then:
#   bash packaging/quickstart.sh --demo    build a demo clinic (once) and open IOPdesk on it
#   bash packaging/quickstart.sh           open IOPdesk on your clinic's data folder
#   bash packaging/quickstart.sh --test    install the test tools, run lint + the whole suite, then
#                                          smoke-test a wheel in a fresh venv (wheel-smoke.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

# Qt needs a few system libraries (fonts, X/EGL client libs); install the missing ones.
need=()
for lib in libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 \
           libxkbcommon-x11.so.0 libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 \
           libxcb-shape.so.0 libxcb-xinerama.so.0 libxcb-randr.so.0 libxcb-render-util.so.0 \
           libxcb-image.so.0 libxcb-xkb.so.1; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || need+=("$lib")
done
if [ "${#need[@]}" -gt 0 ] && command -v apt-get >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 \
    libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
    libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 \
    fonts-dejavu-core >/dev/null
fi

# The test suite also runs IOPdesk against a real PostgreSQL server it starts itself.
if [ "$mode" = "--test" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
   && ! command -v initdb >/dev/null && command -v apt-get >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq postgresql >/dev/null
fi

python3 -m venv .venv
extras=""
[ "$mode" = "--test" ] && extras="[test]"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"

case "$mode" in
  --demo)
    demo="${IOPDESK_DEMO_DIR:-$HOME/IOPdesk-demo-clinic}"
    if [ ! -e "$demo/clinic.iopdesk" ]; then .venv/bin/iopdesk demo --data-dir "$demo"; fi
    exec .venv/bin/iopdesk --data-dir "$demo" ;;
  --test)
    export QT_QPA_PLATFORM=offscreen
    .venv/bin/ruff check .
    .venv/bin/ruff format --check .
    .venv/bin/mypy
    .venv/bin/python -m pytest -n 2 -q
    exec bash packaging/wheel-smoke.sh .venv/bin/python ;;
  run) exec .venv/bin/iopdesk ;;
  *) echo "usage: bash packaging/quickstart.sh [--demo|--test]" >&2; exit 2 ;;
esac
