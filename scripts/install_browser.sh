#!/bin/sh
# Install Debian's headless-capable Chromium for the browser test (tests/browser/).
# Idempotent: does nothing when a chromium binary is already on PATH.
# Usage: scripts/install_browser.sh   (needs root or sudo for apt-get)
set -eu

for bin in chromium chromium-browser; do
    if command -v "$bin" >/dev/null 2>&1; then
        echo "install_browser: $bin already installed: $(command -v "$bin")"
        exit 0
    fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install_browser: need root (or sudo) to apt-get install chromium" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
command -v chromium
