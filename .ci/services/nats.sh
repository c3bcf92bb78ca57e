#!/usr/bin/env bash
# The pipeline tests start their own nats-server (JetStream, 127.0.0.1, a temporary store) per test class; install it on a fresh machine.
set -euo pipefail
for binary in /usr/sbin/nats-server /usr/bin/nats-server; do
  if [ -x "$binary" ]; then
    echo "nats-server is installed: $("$binary" --version)"
    exit 0
  fi
done
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq nats-server > /dev/null
echo "installed $(nats-server --version)"
