#!/usr/bin/env bash
# Runs a two-node Huddle cluster on this machine: an ActiveMQ Artemis broker (the Maven Central distribution),
# the PostgreSQL database huddle_cluster (on 127.0.0.1:5432 unless HUDDLE_PG_HOST/PORT/USER say otherwise) and
# two Liberty nodes with the same WAR, node A on http://127.0.0.1:9081/ and node B on http://127.0.0.1:9082/
# (the demo chat on each). Development identities are on: not for production.
#
#   src/cluster/cluster.sh start    build, then start the broker and both nodes
#   src/cluster/cluster.sh stop     stop both nodes and the broker
set -euo pipefail
cd "$(dirname "$0")/../.."

ARTEMIS_VERSION=2.40.0
ARTEMIS_PORT=${HUDDLE_ARTEMIS_PORT:-61616}
PG_HOST=${HUDDLE_PG_HOST:-127.0.0.1}
PG_PORT=${HUDDLE_PG_PORT:-5432}
PG_USER=${HUDDLE_PG_USER:-postgres}
PG_PASSWORD=${HUDDLE_PG_PASSWORD:-postgres}
WLP=target/liberty/wlp
INSTANCE=target/artemis-cluster

wait_for_port() {
    for _ in $(seq 1 120); do
        (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.5
    done
    echo "nothing listens on port $1 after 60 s" >&2
    return 1
}

start() {
    echo "== building the WAR, the resource adapter and both nodes"
    mvn -B -q -ntp -Pcluster pre-integration-test -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
        -Dcluster.a.http.port=9081 -Dcluster.a.https.port=9444 -Dcluster.b.http.port=9082 -Dcluster.b.https.port=9445 \
        -Dcluster.artemis.port="$ARTEMIS_PORT" -Dhuddle.pg.host="$PG_HOST" -Dhuddle.pg.port="$PG_PORT" \
        -Dhuddle.pg.user="$PG_USER" -Dhuddle.pg.password="$PG_PASSWORD"

    echo "== database huddle_cluster on $PG_HOST:$PG_PORT"
    if ! PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
            "SELECT 1 FROM pg_database WHERE datname = 'huddle_cluster'" | grep -q 1; then
        PGPASSWORD="$PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -q -c "CREATE DATABASE huddle_cluster"
    fi

    echo "== Artemis $ARTEMIS_VERSION on 127.0.0.1:$ARTEMIS_PORT"
    if [ ! -x "$INSTANCE/bin/artemis" ]; then
        "target/artemis/apache-artemis-$ARTEMIS_VERSION/bin/artemis" create "$INSTANCE" --user huddle --password huddle \
            --require-login --no-web --no-autotune --silent --nio --host 127.0.0.1 --default-port "$ARTEMIS_PORT" \
            --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor > /dev/null
    fi
    nohup "$INSTANCE/bin/artemis" run > "$INSTANCE/broker.log" 2>&1 &
    echo $! > "$INSTANCE/broker.pid"
    wait_for_port "$ARTEMIS_PORT"

    for node in a b; do
        mkdir -p "$WLP/usr/servers/huddle-node-$node/dropins"
        cp target/huddle.war "$WLP/usr/servers/huddle-node-$node/dropins/"
        # Node A first: it runs the database migrations before node B looks at the schema.
        "$WLP/bin/server" start "huddle-node-$node"
    done
    for port in 9081 9082; do
        for _ in $(seq 1 120); do
            curl -fs "http://127.0.0.1:$port/api/v1/rooms?user=probe" > /dev/null && break
            sleep 1
        done
    done
    echo "== running: node A http://127.0.0.1:9081/  node B http://127.0.0.1:9082/  (src/cluster/cluster.sh stop)"
}

stop() {
    for node in a b; do
        if [ -d "$WLP/usr/servers/huddle-node-$node" ]; then
            "$WLP/bin/server" stop "huddle-node-$node" || true
        fi
    done
    if [ -f "$INSTANCE/broker.pid" ]; then
        pkill -P "$(cat "$INSTANCE/broker.pid")" 2>/dev/null || true
        kill "$(cat "$INSTANCE/broker.pid")" 2>/dev/null || true
        rm -f "$INSTANCE/broker.pid"
        for _ in $(seq 1 60); do
            (echo > "/dev/tcp/127.0.0.1/$ARTEMIS_PORT") 2>/dev/null || break
            sleep 0.5
        done
    fi
    echo "== stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
