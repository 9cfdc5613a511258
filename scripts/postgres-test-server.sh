#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests marked `postgres` and print its URL.
# Installs Debian's postgresql package when no server is on the machine (needs root).
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PGBIN=$(find_bin)
if [ -z "$PGBIN" ]; then
  if [ "$(id -u)" != 0 ]; then echo "no PostgreSQL server and not root to install it" >&2; exit 1; fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(find_bin)
fi

PORT=${MPM_TEST_POSTGRES_PORT:-54329}
DIR=/tmp/mpm-postgres-$PORT
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! as_owner "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  rm -rf "$DIR" && mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
  as_owner "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
  as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=''" start >/dev/null
fi
echo "postgresql+psycopg://postgres@/postgres?host=$DIR&port=$PORT"
