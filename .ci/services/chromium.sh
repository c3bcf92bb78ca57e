#!/usr/bin/env bash
# The browser tests drive Debian's chromium headless; install it on a fresh machine (apt-get runs as root in CI).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium is installed: $(/usr/bin/chromium --version 2>/dev/null | tail -1)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium > /dev/null
echo "installed $(/usr/bin/chromium --version 2>/dev/null | tail -1)"
