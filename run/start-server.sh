#!/usr/bin/env bash
# Builds DirStore, provisions WildFly from Maven Central (unpacks org.wildfly:wildfly-dist), deploys
# the demo EAR and starts the server in the background. Prints the demo and JMX URLs.
#
#   run/start-server.sh            build, deploy, start (ports 8080 / 9990)
#   PORT_OFFSET=100 run/start-server.sh   ports 8180 / 10090
#   SKIP_BUILD=1 run/start-server.sh      reuse the last build
#   run/stop-server.sh             stop it (the store's data stays in run/server/data)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OFFSET="${PORT_OFFSET:-0}"
BASE="$ROOT/run/server"
LOG="$BASE/console.log"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "Building and provisioning WildFly (mvn -DskipTests pre-integration-test)..."
  (cd "$ROOT" && mvn -B -q -DskipTests pre-integration-test)
fi
JBOSS_HOME="$(ls -d "$ROOT"/src-it/target/wildfly/wildfly-* 2>/dev/null | head -1)"
EAR="$ROOT/src-it/target/deploy/dirstore.ear"
[[ -d "$JBOSS_HOME" && -f "$EAR" ]] || { echo "WildFly or the EAR is missing; run without SKIP_BUILD" >&2; exit 1; }

if [[ -f "$BASE/server.pid" ]] && kill -0 "$(cat "$BASE/server.pid")" 2>/dev/null; then
  echo "A server started by this script is already running (pid $(cat "$BASE/server.pid")); run/stop-server.sh first." >&2
  exit 1
fi
if [[ ! -d "$BASE/configuration" ]]; then
  mkdir -p "$BASE"
  cp -r "$JBOSS_HOME/standalone/configuration" "$JBOSS_HOME/standalone/deployments" "$BASE/"
fi
rm -f "$BASE"/deployments/dirstore.ear.*
cp "$EAR" "$BASE/deployments/dirstore.ear"

echo "Starting WildFly $(basename "$JBOSS_HOME") (standalone-full, port offset $OFFSET), log: $LOG"
nohup "$JBOSS_HOME/bin/standalone.sh" -c standalone-full.xml \
  -Djboss.server.base.dir="$BASE" -Djboss.socket.binding.port-offset="$OFFSET" > "$LOG" 2>&1 &
echo $! > "$BASE/server.pid"

for _ in $(seq 1 240); do
  if [[ -f "$BASE/deployments/dirstore.ear.deployed" ]]; then
    HTTP=$((8080 + OFFSET)); MGMT=$((9990 + OFFSET))
    cat <<MSG

DirStore demo is up.
  Demo (REST):  http://localhost:$HTTP/dirstore/api/accounts    (curl lines: docs/quickstart.md)
  JMX:          service:jmx:remote+http://localhost:$MGMT        MBean org.dirstore:type=Store,name=DemoStore
  jconsole:     $JBOSS_HOME/bin/jconsole.sh   (then Remote Process: the JMX URL above; docs/jmx.md)
  Store home:   $BASE/data/dirstore/DemoStore
  Server log:   $BASE/log/server.log
  Stop:         run/stop-server.sh
MSG
    exit 0
  fi
  if [[ -f "$BASE/deployments/dirstore.ear.failed" ]]; then
    echo "Deployment failed:" >&2; cat "$BASE/deployments/dirstore.ear.failed" >&2; exit 1
  fi
  if ! kill -0 "$(cat "$BASE/server.pid")" 2>/dev/null; then
    echo "WildFly exited; see $LOG" >&2; exit 1
  fi
  sleep 0.5
done
echo "WildFly did not deploy the EAR within 120 s; see $LOG" >&2
exit 1
