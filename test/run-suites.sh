#!/usr/bin/env bash
# `npm test`: every test file (the server's under test/, the packages' under packages/*/test/) on
# SQLite, then the same files again on PostgreSQL when DATABASE_URL is set (each test app in a
# schema of its own). Tests that need Redis read REDIS_URL and skip, saying so, without it.
# One line per file (full detail only for a failure); the last line adds up both passes and
# follows every skipped suite or test with its reason.
set -uo pipefail
shopt -s nullglob globstar
cd "$(dirname "$0")/.."

# Slowest first, by the times the last run kept (see test/runner/order.mjs).
times=node_modules/.cache/keyward/test-times.json
mapfile -t files < <(node test/runner/order.mjs "$times" test/**/*.test.ts packages/*/test/**/*.test.ts)
summary="$(mktemp)"
trap 'rm -f "$summary"' EXIT
started=$SECONDS
skipped_passes=()

pass() {
  echo "== $1"
  TEST_STORE="$2" TEST_SUMMARY_FILE="$summary" TEST_TIMES_FILE="$times" node --import tsx --test --test-concurrency=2 \
    --test-reporter=./test/runner/reporter.mjs "${files[@]}"
}

status=0
pass "test suite on SQLite" sqlite || status=1
if [ -n "${DATABASE_URL:-}" ]; then
  node --import tsx test/runner/drop-test-schemas.ts >/dev/null || status=1
  pass "test suite on PostgreSQL" postgres || status=1
  node --import tsx test/runner/drop-test-schemas.ts >/dev/null || status=1
else
  skipped_passes+=("PostgreSQL pass (every file again on PostgreSQL): DATABASE_URL not set")
fi
node --import tsx test/runner/summary.ts "$summary" "$((SECONDS - started))" "${skipped_passes[@]}" || status=1
exit "$status"
