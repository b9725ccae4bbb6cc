#!/usr/bin/env bash
# `npm test`: the whole suite. Installs what it needs, starts a throw-away PostgreSQL, and runs
# format, lint, svelte-check, service tests on SQLite and on PostgreSQL, then browser journeys.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }
REPORTS=.tmp/reports
rm -rf "$REPORTS" && mkdir -p "$REPORTS"

apt_updated=0
need_deb() { # need_deb PACKAGE TEST-COMMAND
	if eval "$2" >/dev/null 2>&1; then return 0; fi
	if [ "$(id -u)" != 0 ]; then
		echo "The tests need Debian's package '$1': install it with 'sudo apt-get install -y $1'." >&2
		exit 1
	fi
	step "Installing Debian package $1"
	if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}
need_deb postgresql 'ls /usr/lib/postgresql/*/bin/initdb'
need_deb chromium 'test -x /usr/bin/chromium'

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	step "Installing npm dependencies"
	# npm install, not npm ci: see scripts/start.sh.
	npm install --no-audit --no-fund
fi
echo "Node $(node --version) (from node_modules/.bin)"

step "Generating SvelteKit types and Paraglide messages"
svelte-kit sync
paraglide-js compile --project ./project.inlang --outdir ./src/lib/paraglide >/dev/null

step "Format (prettier --check)"
prettier --check . --log-level warn
step "Lint (eslint, no warnings allowed)"
eslint --max-warnings 0 .
step "The shape of the house (dependency-cruiser: no cycles, no route or other module reaching a repository)"
depcruise src --config .dependency-cruiser.cjs --output-type err
step "Types and accessibility (svelte-check, warnings fail)"
svelte-check --tsconfig ./tsconfig.json --fail-on-warnings --output machine | tail -n 3

step "Service and repository tests on SQLite"
TEST_DB=sqlite vitest run --reporter=default --reporter=json --outputFile.json=$REPORTS/sqlite.json

step "Service and repository tests on PostgreSQL"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_DIR=$(mktemp -d /tmp/olievlek-pg.XXXXXX)
PG_PORT=$((55000 + RANDOM % 2000))
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
as_pg "$PG_BIN/initdb -D $PG_DIR/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
as_pg "$PG_BIN/pg_ctl -D $PG_DIR/data -w -l $PG_DIR/log -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null
cleanup() { as_pg "$PG_BIN/pg_ctl -D $PG_DIR/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
trap cleanup EXIT
TEST_DB=postgres TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres" vitest run --reporter=default --reporter=json --outputFile.json=$REPORTS/postgres.json

step "Build"
vite build --logLevel warn

step "Two app instances on one PostgreSQL; kill -9 under load on SQLite and PostgreSQL (bench/crash --quick); reminders under kill -9 (bench/reminders --quick)"
TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres" vitest run --config vitest.cluster.config.ts --reporter=default --reporter=json --outputFile.json=$REPORTS/cluster.json

step "Browser journeys (Chromium, axe on every page)"
PLAYWRIGHT_JSON_OUTPUT_NAME=$REPORTS/e2e.json playwright test --reporter=list,json

step "Summary (SQLite service tests, PostgreSQL service tests, two instances, browser journeys)"
node scripts/summary.js "$REPORTS/sqlite.json" "$REPORTS/postgres.json" "$REPORTS/cluster.json" "$REPORTS/e2e.json"
