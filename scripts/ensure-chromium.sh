#!/usr/bin/env bash
# Print the path of a chromium for the browser tests (tests/browser, Playwright drives it).
# Installs Debian's chromium package when there is none on the machine (needs root); never
# downloads a Playwright browser.
set -euo pipefail

find_bin() {
  if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; else command -v chromium || true; fi
}
CHROMIUM=$(find_bin)
if [ -z "$CHROMIUM" ]; then
  if [ "$(id -u)" != 0 ]; then echo "no chromium and not root to install it" >&2; exit 1; fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  CHROMIUM=$(find_bin)
fi
if [ -z "$CHROMIUM" ]; then echo "chromium is not on the PATH after installing it" >&2; exit 1; fi
echo "$CHROMIUM"
