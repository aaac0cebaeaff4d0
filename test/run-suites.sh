#!/usr/bin/env bash
# `npm test`: every test file (the server's under test/, the packages' under packages/*/test/) on
# SQLite, then the same files again on PostgreSQL when DATABASE_URL is set (each test app in a
# schema of its own). Tests that need Redis read REDIS_URL themselves and say why when they skip.
set -uo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."

shopt -s globstar
files=(test/**/*.test.ts packages/*/test/**/*.test.ts)

suite() {
  TEST_STORE="$1" node --import tsx --test --test-concurrency=2 "${files[@]}"
}

status=0
echo "== test suite on SQLite"
suite sqlite || status=1
if [ -n "${DATABASE_URL:-}" ]; then
  echo "== test suite on PostgreSQL"
  node --import tsx test/helpers/drop-test-schemas.ts || status=1
  suite postgres || status=1
  node --import tsx test/helpers/drop-test-schemas.ts || status=1
else
  echo "== PostgreSQL suite skipped: DATABASE_URL is not set"
fi
[ -n "${REDIS_URL:-}" ] || echo "== Redis tests skipped: REDIS_URL is not set"
exit "$status"
