#!/usr/bin/env bash
# `npm test`: every test file (the server's under test/, the packages' under packages/*/test/) on
# SQLite and, when DATABASE_URL is set, the files whose outcome depends on the store again on
# PostgreSQL (each test app in a schema of its own), the two passes side by side. Tests that need
# Redis read REDIS_URL and skip, saying so, without it.
# One line per file (full detail only for a failure); the last line adds up both passes and
# follows every skipped suite or test with its reason.
set -uo pipefail
shopt -s nullglob globstar
cd "$(dirname "$0")/.."

# Files that can't depend on the store run once, on SQLite: settings parsing, the docs, the
# console and /docs pages in a browser, the client package (it talks to a server, whatever that
# server stores in), the HTTP layer's own rules and the OpenAPI checker, SQLite's writer thread,
# and the event bus and Redis faults on their own.
store_independent=(
  test/config/ test/console/ test/docs/ packages/
  test/http/credential-hints. test/http/docs-page. test/http/docs-serving.
  test/http/openapi-conformance. test/http/openapi-document. test/http/routing.
  test/store/writer-thread.
  test/security/fuzz. test/security/headers.
  test/events/event-bus. test/events/slow-reader. test/events/redis-outage.
  test/scale/redis-faults. test/ops/observability. test/ops/readme-process.
)
all_files=(test/**/*.test.ts packages/*/test/**/*.test.ts)
store_files=()
for file in "${all_files[@]}"; do
  for prefix in "${store_independent[@]}"; do [[ $file == "$prefix"* ]] && continue 2; done
  store_files+=("$file")
done

cache=node_modules/.cache/keyward
mkdir -p "$cache"
# The tests run as JavaScript compiled once here (see test/runner/compile-tests.mjs).
compiled="$(node test/runner/compile-tests.mjs)" || exit 1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
notes=()

# pass <label> <store> <files at once> <file>...: runs the files' compiled JavaScript, slowest
# first by the times this store's last run kept (see test/runner/order.mjs), writing its report
# to $work/<store>.out.
pass() {
  local label=$1 store=$2 concurrency=$3 times="$cache/test-times.$2.json"
  shift 3
  local files=()
  while read -r file; do files+=("$compiled/${file%.ts}.js"); done \
    < <(node test/runner/order.mjs "$times" "$@")
  {
    echo "== $label: ${#files[@]} files"
    TEST_STORE="$store" TEST_SUMMARY_FILE="$work/summary" TEST_TIMES_FILE="$times" \
      node --enable-source-maps --test --test-concurrency="$concurrency" \
      --test-reporter=./test/runner/reporter.mjs "${files[@]}"
  } >"$work/$store.out" 2>&1
}

status=0
# Files at once per pass: enough to keep two cores busy while files wait on timers, processes or
# the browser (three alone, two each side by side); more only slows every file down.
if [ -n "${DATABASE_URL:-}" ]; then
  echo "running ${#all_files[@]} test files on SQLite and ${#store_files[@]} of them on PostgreSQL, side by side"
  node "$compiled/test/runner/drop-test-schemas.js" >/dev/null || status=1
  pass "test suite on SQLite" sqlite 2 "${all_files[@]}" &
  sqlite_pid=$!
  pass "test suite on PostgreSQL" postgres 2 "${store_files[@]}" &
  postgres_pid=$!
  wait "$sqlite_pid" || status=1
  wait "$postgres_pid" || status=1
  cat "$work/sqlite.out" "$work/postgres.out"
  node "$compiled/test/runner/drop-test-schemas.js" >/dev/null || status=1
  notes+=("$((${#all_files[@]} - ${#store_files[@]})) files that can't depend on the store ran on SQLite only (listed in test/run-suites.sh)")
else
  echo "running ${#all_files[@]} test files on SQLite"
  pass "test suite on SQLite" sqlite 3 "${all_files[@]}" || status=1
  cat "$work/sqlite.out"
  notes+=("skipped the PostgreSQL pass (${#store_files[@]} files again on PostgreSQL): DATABASE_URL not set")
fi
node "$compiled/test/runner/summary.js" "$work/summary" "$((SECONDS - started))" "${notes[@]}" || status=1
exit "$status"
