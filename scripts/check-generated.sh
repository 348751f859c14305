#!/usr/bin/env bash
# Fails when a generated artefact no longer matches its source: the Prisma schema against the
# committed migrations, and the admin app's API client against the committed OpenAPI document.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "Prisma schema vs migrations…"
# migrate diff replays the migrations into a temporary shadow database made beside this one.
# Blocks marked "constraints outside the Prisma schema" are left out: the schema cannot express
# them and the WASM schema engine cannot introspect them; the API tests exercise them instead.
# Markers must pair up: an END missing would otherwise drop the rest of the file from the check.
cp -r prisma/migrations "$tmp/migrations"
for f in "$tmp"/migrations/*/migration.sql; do
  name="prisma/migrations/${f#"$tmp"/migrations/}"
  awk -v file="$name" '
    function fail(msg) { printf "%s:%d: %s\n", file, NR, msg > "/dev/stderr"; bad = 1; exit 1 }
    /^-- BEGIN constraints outside the Prisma schema/ { if (open) fail("BEGIN marker inside the block opened at line " start); open = 1; start = NR; next }
    /^-- END constraints outside the Prisma schema/ { if (!open) fail("END marker without a BEGIN marker before it"); open = 0; next }
    !open { print }
    END {
      if (bad) exit 1
      if (open) { printf "%s:%d: BEGIN marker without an END marker after it\n", file, start > "/dev/stderr"; exit 1 }
    }
  ' "$f" >"$f.stripped" || { echo "Unpaired 'constraints outside the Prisma schema' markers (see above)"; exit 1; }
  mv "$f.stripped" "$f"
done
# With no server at TEST_DATABASE_ADMIN_URL, an embedded one is started for the diff.
# shellcheck disable=SC2016 # expanded by the inner shell, which gets TEST_DATABASE_ADMIN_URL
npx tsx scripts/with-test-postgres.ts bash -c 'DATABASE_URL="$TEST_DATABASE_ADMIN_URL" npx prisma migrate diff \
  --from-migrations "$0/migrations" --to-schema-datamodel prisma/schema.prisma --exit-code >/dev/null' "$tmp" \
  || { echo "prisma/schema.prisma and prisma/migrations differ: run 'npx prisma migrate dev --create-only --name <what>'"; exit 1; }

echo "Admin API client vs openapi/cadence.json…"
npx openapi-typescript openapi/cadence.json -o "$tmp/schema.d.ts" >/dev/null 2>&1
diff -q "$tmp/schema.d.ts" apps/admin/src/api/schema.d.ts >/dev/null \
  || { echo "apps/admin/src/api/schema.d.ts is stale: run 'npm run generate:client'"; exit 1; }
echo "Generated files are current."
