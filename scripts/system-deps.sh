#!/usr/bin/env bash
# Installs the Debian packages Samspill needs when they are missing:
#   fonts-dejavu-core  Latin, Cyrillic and Arabic glyphs for the agreement PDFs (the platform itself needs this)
#   chromium           the browser the Playwright tests drive (never a browser downloaded by `playwright install`)
#   gettext            msgfmt, which `samspill compilemessages` needs
# `scripts/system-deps.sh runtime` installs only what the platform needs to run (for `make demo`).
# Runs apt-get as root, through sudo otherwise. `apt-get update` runs only when the install needs it.
# Without root or sudo: a failure under CI=true, a warning otherwise (the browser tests then skip with a message).
set -euo pipefail

packages=()
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || packages+=(fonts-dejavu-core)
if [[ "${1:-all}" != "runtime" ]]; then
    [[ -x /usr/bin/chromium ]] || packages+=(chromium fonts-liberation)
    command -v msgfmt >/dev/null 2>&1 || packages+=(gettext)
fi
((${#packages[@]})) || exit 0

give_up() {
    if [[ "${CI:-}" == "true" ]]; then
        echo "error: $1" >&2
        exit 1
    fi
    echo "WARNING: $1" >&2
    echo "WARNING: the tests that need ${packages[*]} will be skipped or fail." >&2
    exit 0
}

command -v apt-get >/dev/null 2>&1 || give_up "missing ${packages[*]}, and this is not a Debian system (no apt-get)"

as_root=()
if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || give_up "missing ${packages[*]}: run 'apt-get install ${packages[*]}' as root"
    as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
apt_install() { "${as_root[@]}" apt-get install -y --no-install-recommends "${packages[@]}"; }

echo "Installing Debian packages: ${packages[*]}"
if ! apt_install; then
    # A fresh machine has no package lists yet, and old lists may point at removed files.
    echo "apt-get install failed; running apt-get update and trying again"
    "${as_root[@]}" apt-get update
    apt_install
fi
