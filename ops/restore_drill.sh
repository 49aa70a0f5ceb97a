#!/usr/bin/env bash
# Restore drill: prove that a backup of Flourish's PostgreSQL database restores whole.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/flourish ops/restore_drill.sh
#
# 1. Takes a backup the way production does (pg_dump, custom format).
# 2. Restores it into a new, empty database.
# 3. Checks the ledger in both (`manage.py ledger_check`): every balance equals the sum
#    of its entries, every transaction sums to zero, and the fingerprint of every
#    balance is the same in the restored copy as in the source.
# 4. Compares the row count of every table.
# The scratch database is dropped at the end, pass or fail. Exits non-zero on any
# difference. See docs/deployment.md ("Backups and restore").
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to back up}"
PYTHON=${PYTHON:-.venv/bin/python}
scratch_name="flourish_restore_drill_$$"
restored_url="${DATABASE_URL%/*}/${scratch_name}"
server_url="${DATABASE_URL%/*}/postgres"
backup=$(mktemp --suffix=.dump)

cleanup() {
  rm -f "$backup"
  psql "$server_url" -qc "DROP DATABASE IF EXISTS ${scratch_name} WITH (FORCE)" || true
}
trap cleanup EXIT

# grep reads the whole output (head would close the pipe on the command's second line).
ledger_line() { DATABASE_URL="$1" "$PYTHON" manage.py ledger_check | grep '^accounts='; }
table_counts() {
  for table in $(psql "$1" -Atc "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"); do
    printf '%s=%s\n' "$table" "$(psql "$1" -Atc "SELECT count(*) FROM \"$table\"")"
  done
}

echo "Backing up ${DATABASE_URL##*/}…"
started=$(date +%s)
pg_dump --format=custom --no-owner --file="$backup" "$DATABASE_URL"
echo "  backup: $(du -h "$backup" | cut -f1) in $(( $(date +%s) - started )) s"

echo "Restoring into ${scratch_name}…"
started=$(date +%s)
psql "$server_url" -qc "CREATE DATABASE ${scratch_name}"
pg_restore --no-owner --exit-on-error --dbname="$restored_url" "$backup"
echo "  restored in $(( $(date +%s) - started )) s"

echo "Checking the ledger in both…"
source_ledger=$(ledger_line "$DATABASE_URL")
restored_ledger=$(ledger_line "$restored_url")
echo "  source:   $source_ledger"
echo "  restored: $restored_ledger"
if [ "$source_ledger" != "$restored_ledger" ]; then
  echo "FAILED: the restored ledger differs from the source." >&2
  exit 1
fi

echo "Comparing every table's rows…"
if ! diff <(table_counts "$DATABASE_URL") <(table_counts "$restored_url"); then
  echo "FAILED: the restored tables differ from the source." >&2
  exit 1
fi
echo "Restore drill passed: every ledger balance and every table came back intact."
