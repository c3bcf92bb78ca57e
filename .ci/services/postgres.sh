#!/usr/bin/env bash
# Starts a private PostgreSQL for the tests: installs Debian's postgresql when it is missing, initialises a cluster in a
# temporary folder, and starts it on a free port bound to 127.0.0.1. It tells .ci/run the connection string by a line in
# $OPENCTS_CI_ENV (sourced before the tests) and how to stop it by a line in $OPENCTS_CI_STOP (run when the tests end).
set -euo pipefail
: "${OPENCTS_CI_ENV:?run this from .ci/run}" "${OPENCTS_CI_STOP:?run this from .ci/run}"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "installing postgresql from the Debian packages"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  export DEBIAN_FRONTEND=noninteractive
  # The package must not start a cluster of its own: this script starts the one the tests use.
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null && $sudo chmod +x /usr/sbin/policy-rc.d
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  $sudo rm -f /usr/sbin/policy-rc.d
  bin=$(find_bin)
fi
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "postgresql is not installed and could not be"; exit 1; }

folder=$(mktemp -d /tmp/opencts-ci-pg.XXXXXX)
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root.
  chown postgres "$folder"
  as_postgres=(runuser -u postgres --)
fi
# A free port below the kernel's range for outgoing connections, where no client socket can hold it.
below=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$below" -gt 11000 ] 2>/dev/null || below=32768
while :; do
  port=$((10000 + RANDOM % (below - 10000)))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done

"${as_postgres[@]}" "$bin/initdb" -D "$folder/data" -A trust -U postgres -E UTF8 --no-sync >"$folder/initdb.log" 2>&1 \
  || { cat "$folder/initdb.log"; exit 1; }
"${as_postgres[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
  -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
  || { cat "$folder/server.log"; exit 1; }

echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $folder"
echo "export OPENCTS_TEST_POSTGRES=postgres://postgres@127.0.0.1:$port/postgres" >>"$OPENCTS_CI_ENV"
printf '%q ' "${as_postgres[@]}" "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >>"$OPENCTS_CI_STOP"
printf '>/dev/null; rm -rf %q\n' "$folder" >>"$OPENCTS_CI_STOP"
