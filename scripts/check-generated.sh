#!/usr/bin/env bash
# Fails when a generated artefact no longer matches its source: the Prisma schema against the
# committed migrations, and the admin app's API client against the committed OpenAPI document.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
admin_url="${TEST_DATABASE_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "Prisma schema vs migrations…"
# migrate diff replays the migrations into a temporary shadow database made beside this one.
# Blocks marked "constraints outside the Prisma schema" are left out: the schema cannot express
# them and the WASM schema engine cannot introspect them; the API tests exercise them instead.
cp -r prisma/migrations "$tmp/migrations"
for f in "$tmp"/migrations/*/migration.sql; do
  sed -i '/^-- BEGIN constraints outside the Prisma schema/,/^-- END constraints outside the Prisma schema/d' "$f"
done
DATABASE_URL="$admin_url" npx prisma migrate diff \
  --from-migrations "$tmp/migrations" --to-schema-datamodel prisma/schema.prisma --exit-code >/dev/null \
  || { echo "prisma/schema.prisma and prisma/migrations differ: run 'npx prisma migrate dev --create-only --name <what>'"; exit 1; }

echo "Admin API client vs openapi/cadence.json…"
npx openapi-typescript openapi/cadence.json -o "$tmp/schema.d.ts" >/dev/null 2>&1
diff -q "$tmp/schema.d.ts" apps/admin/src/api/schema.d.ts >/dev/null \
  || { echo "apps/admin/src/api/schema.d.ts is stale: run 'npm run generate:client'"; exit 1; }
echo "Generated files are current."
