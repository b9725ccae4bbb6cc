#!/usr/bin/env bash
# `npm start`: install if needed, build if the sources changed, then serve on SQLite with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "Installing dependencies…"
	# npm install, not npm ci: the registry lacks some other platforms' optional binaries that the
	# lockfile names, and npm ci refuses such a lockfile. The lockfile's versions are still used.
	npm install --no-audit --no-fund
fi
if [ ! -f build/index.js ] || [ -n "$(find src messages static vite.config.ts package-lock.json -newer build/index.js -print -quit)" ]; then
	echo "Building Olievlek…"
	npm run build --silent
fi
export PORT="${PORT:-3000}"
export PUBLIC_URL="${PUBLIC_URL:-http://localhost:$PORT}"
export DATABASE_URL="${DATABASE_URL:-./data/olievlek.db}"
# Demo accounts only for a local, plain-http run.
case "$PUBLIC_URL" in http://*) export SEED_DEMO="${SEED_DEMO:-1}" ;; esac
cat <<MSG

Olievlek starts at $PUBLIC_URL  (database: $DATABASE_URL)
Demo log-ins (password: olievlek-demo-2026):
  coordinator@olievlek.test   coordinator
  facilitator@olievlek.test   facilitator
  deelnemer@olievlek.test     participant
  grenswerker@olievlek.test   boundary spanner (guest)
MSG
if [ -n "${SMTP_URL:-}" ]; then
	echo "E-mail goes out through SMTP_URL."
elif [ "${DEV_OUTBOX_PUBLIC:-0}" = 1 ]; then
	echo "E-mail goes to $PUBLIC_URL/outbox, open to everyone who can reach it (DEV_OUTBOX_PUBLIC=1)."
else
	echo "E-mail goes to $PUBLIC_URL/outbox, readable only from this machine (DEV_OUTBOX_PUBLIC=1 opens it)."
fi
echo
exec node scripts/serve.js
