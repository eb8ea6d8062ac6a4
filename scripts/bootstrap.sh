#!/bin/sh
# Set up everything exactgame needs, once: system libraries (cddlib, GMP), a virtual
# environment at .venv in the repository root, and the package with its extras.
# Usage: scripts/bootstrap.sh [EXTRAS]   (e.g. "test" or "test,bench")
# Idempotent: a stamp file records what was installed; run again only when it changed.
set -eu
cd "$(dirname "$0")/.."
EXTRAS="${1:-test}"
VENV=.venv
STAMP="$VENV/.installed-$(echo "$EXTRAS" | tr ',' '-')"

have_headers() {
    for d in /usr/include /usr/local/include; do
        if { [ -f "$d/cdd/cdd.h" ] || [ -f "$d/cddlib/cdd.h" ]; } && [ -f "$d/gmp.h" -o -f "$d/x86_64-linux-gnu/gmp.h" -o -f "$d/aarch64-linux-gnu/gmp.h" ]; then
            return 0
        fi
    done
    return 1
}

if ! have_headers; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "bootstrap: installing libcdd-dev and libgmp-dev with apt-get" >&2
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcdd-dev libgmp-dev; } >/tmp/exactgame-apt.log 2>&1 || {
            tail -20 /tmp/exactgame-apt.log >&2
            echo "bootstrap: apt-get failed (log above, in full at /tmp/exactgame-apt.log)" >&2
            exit 2
        }
    else
        echo "bootstrap: exactgame needs the cddlib and GMP development files." >&2
        echo "  On Debian/Ubuntu, as root: apt-get install libcdd-dev libgmp-dev" >&2
        echo "  (Fedora: dnf install cddlib-devel gmp-devel; macOS: brew install cddlib gmp)" >&2
        exit 2
    fi
fi

PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "bootstrap: exactgame needs Python 3.11 or newer (found: $("$PY" --version 2>&1))" >&2
    exit 2
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
fi
if [ -f "$STAMP" ] && [ "$STAMP" -nt pyproject.toml ] && "$VENV/bin/python" -c 'import exactgame, cdd.gmp' 2>/dev/null; then
    exit 0
fi
# pip's own chatter (deprecation and index warnings, setuptools' editable-install banner) goes
# to a log; the user sees one line, or the log's tail if the installation fails
LOG="$VENV/bootstrap.log"
echo "bootstrap: installing exactgame[$EXTRAS] into $VENV (log: $LOG)" >&2
"$VENV/bin/python" -m pip install -q --upgrade pip >"$LOG" 2>&1 || true
if ! "$VENV/bin/python" -m pip install -q -e ".[$EXTRAS]" >>"$LOG" 2>&1; then
    tail -30 "$LOG" >&2
    echo "bootstrap: pip install failed (log above, in full at $LOG)" >&2
    exit 2
fi
"$VENV/bin/python" -c 'import cdd.gmp' || {
    echo "bootstrap: pycddlib was installed without its exact module cdd.gmp; reinstall it after installing libcdd-dev and libgmp-dev: .venv/bin/pip install --force-reinstall --no-binary pycddlib pycddlib" >&2
    exit 2
}
touch "$STAMP"
