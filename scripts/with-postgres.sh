#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on a free local port, then remove it.
#   scripts/with-postgres.sh pytest -q
# Debian's server refuses to run as root, so as root the cluster belongs to the postgres user.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/opensend-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')

if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_owner() { su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; }
else
  as_owner() { "$@"; }
fi

cleanup() {
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

printf '%s\n' "$password" > "$dir/pwfile"
chmod 600 "$dir/pwfile"
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir/pwfile"
as_owner "$bindir/initdb" -D "$dir/data" -U opensend --pwfile="$dir/pwfile" -A scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') running on port $port"

# For the fault tests (pytest -m postgres), which restart this throwaway cluster while it serves.
export OPENSEND_PG_CTL="$bindir/pg_ctl" OPENSEND_PG_DATA="$dir/data" OPENSEND_PG_LOG="$dir/server.log"
export OPENSEND_PG_OWNER=$([ "$(id -u)" -eq 0 ] && echo postgres || true)
export DATABASE_URL="postgres://opensend:${password}@127.0.0.1:${port}/opensend"
PGPASSWORD="$password" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U opensend opensend
"$@"
