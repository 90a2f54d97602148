#!/usr/bin/env bash
# Stops the WildFly started by run/start-server.sh (graceful: SIGTERM to the server JVM).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PIDFILE="$ROOT/run/server/server.pid"
[[ -f "$PIDFILE" ]] || { echo "no server started by run/start-server.sh"; exit 0; }
PID="$(cat "$PIDFILE")"
# standalone.sh runs the JVM as its child: stop the JVM, then the script ends by itself
for child in $(pgrep -P "$PID" || true); do kill "$child" 2>/dev/null || true; done
kill "$PID" 2>/dev/null || true
for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
rm -f "$PIDFILE"
echo "stopped"
