#!/usr/bin/env bash
# The pipeline tests run against a real nats-server: install Debian's package on a fresh machine, start one with JetStream
# bound to 127.0.0.1 with its store in a temporary folder, name it to the tests, and stop it when .ci/run ends.
# (The kill tests start servers of their own, since they kill them; so do the tests when run without .ci/run.)
set -euo pipefail
binary=""
for candidate in /usr/sbin/nats-server /usr/bin/nats-server; do
  [ -x "$candidate" ] && binary=$candidate && break
done
if [ -z "$binary" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nats-server > /dev/null
  binary=$(command -v nats-server)
fi
echo "nats-server: $("$binary" --version)"
folder=$(mktemp -d)
# A free port below the kernel's range for outgoing connections: a port in that range can be held by a client socket
# (a load test's, a database connection's) that answers no probe, and the server's bind then fails. Tried up to five
# times, each on another port, should a port still be taken between the probe and the start.
below=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$below" -gt 11000 ] 2>/dev/null || below=32768
started=""
for attempt in 1 2 3 4 5; do
  while :; do
    port=$((10000 + RANDOM % (below - 10000)))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  "$binary" -js -sd "$folder/store" -a 127.0.0.1 -p "$port" > "$folder/nats.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then started=yes; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$started" ] && break
  kill "$pid" 2>/dev/null
done
[ -n "$started" ] || { echo "nats-server did not start:"; cat "$folder/nats.log"; exit 1; }
echo "export OPENCTS_TEST_NATS=nats://127.0.0.1:$port" >> "${OPENCTS_CI_ENV:?run by .ci/run}"
echo "kill $pid 2>/dev/null; rm -rf '$folder'" >> "${OPENCTS_CI_STOP:?run by .ci/run}"
echo "nats-server (JetStream) at 127.0.0.1:$port, store in $folder"
