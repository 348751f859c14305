/** The hazard log as it stands in this repository, and what its references resolve against. */
import { SAFETY_RULES } from '@cadence/domain';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseObjectsIn, type CheckInputs } from './check';
import { loadHazardLog } from './hazard-log';
import { indexTests } from './test-index';

export const ROOT = join(__dirname, '../..');
export const HAZARDS_YAML = join(ROOT, 'safety/hazards.yaml');
export const HAZARD_LOG_MD = join(ROOT, 'safety/HAZARD-LOG.md');

export function repositoryHazardLog() {
  return loadHazardLog(HAZARDS_YAML);
}

export function repositoryInputs(): CheckInputs {
  const migrations = join(ROOT, 'prisma/migrations');
  const sql = readdirSync(migrations, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => readFileSync(join(migrations, d.name, 'migration.sql'), 'utf8'))
    .join('\n');
  return {
    rules: SAFETY_RULES,
    tests: indexTests(ROOT, ['apps', 'libs', 'test', 'safety']),
    databaseObjects: databaseObjectsIn(sql),
  };
}
