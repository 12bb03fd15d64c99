#!/usr/bin/env bash
# Starts a two-node mailhub cluster on this machine, for trying one out (README, Several nodes): node1 on
# http://localhost:8080 (management 9990), node2 on http://localhost:8180 (management 10090), each with a base
# directory of its own beside standalone/ (node1/, node2/), both on the PostgreSQL database in MAILHUB_DB_URL.
# Ctrl-C stops both gracefully. On real hosts, start each node with bin/standalone.sh as README says.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"

case "${MAILHUB_DB_URL:-}" in
  jdbc:postgresql:*) ;;
  *) echo "A mailhub cluster shares one PostgreSQL database: set MAILHUB_DB_URL (jdbc:postgresql://host:5432/db)," \
          "MAILHUB_DB_USER and MAILHUB_DB_PASSWORD" >&2
     exit 1 ;;
esac

# The nodes must share the cluster password and the secret key; for a trial they are made once and kept here.
secrets="$home/cluster-trial.env"
if [ ! -f "$secrets" ]; then
  (umask 077
   printf 'MAILHUB_CLUSTER_PASSWORD=%s\nMAILHUB_SECRET_KEY=%s\n' \
     "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" "$(head -c 36 /dev/urandom | base64 | tr -d '/+=')" > "$secrets")
fi
while IFS='=' read -r name value; do
  if [ -z "${!name:-}" ]; then export "$name=$value"; fi
done < "$secrets"
export MAILHUB_CLUSTER_HOSTS="${MAILHUB_CLUSTER_HOSTS:-127.0.0.1[7600],127.0.0.1[7700]}"
export LAUNCH_JBOSS_IN_BACKGROUND=1 # so that standalone.sh hands a TERM on to its server

pids=()
stop() { kill -TERM "${pids[@]}" 2>/dev/null || true; wait; }
trap stop EXIT
trap 'exit 130' INT TERM
for n in 1 2; do
  base="$home/node$n"
  port=$(( 8080 + (n - 1) * 100 ))
  mkdir -p "$base/configuration" "$base/deployments"
  # the build's configuration and mailhub.ear, fresh at each start; data and logs are kept
  cp "$home/standalone/configuration/"*.xml "$home/standalone/configuration/"*.properties "$base/configuration/"
  cp "$home/standalone/deployments/mailhub.ear" "$base/deployments/"
  "$home/bin/standalone.sh" -c standalone-full-ha.xml -Djboss.server.base.dir="$base" -Djboss.node.name="node$n" \
    -Djboss.socket.binding.port-offset=$(( (n - 1) * 100 )) > "$base/console.log" 2>&1 &
  pids+=($!)
  # one after the other: the first node creates the tables of a new database
  echo "starting node$n (http://localhost:$port/, log $base/log/server.log)"
  started=false
  for _ in $(seq 1 180); do
    if curl -fs -o /dev/null "http://localhost:$port/api/health"; then started=true; break; fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then break; fi
    sleep 1
  done
  if ! $started; then echo "node$n did not start; see $base/console.log and $base/log/server.log" >&2; exit 1; fi
done
echo "node1: http://localhost:8080/  node2: http://localhost:8180/  Ctrl-C stops both."
echo "Unless MAILHUB_ADMIN_USER and MAILHUB_ADMIN_PASSWORD were set, the first admin's password is in node1's log."
wait
