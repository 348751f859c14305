/**
 * Keeps the hazard log true: every reference must resolve against the code as it is.
 */
import type { HazardLog } from './hazard-log';
import type { TestIndex } from './test-index';

export interface CheckInputs {
  /** Ids of the domain's rules (SAFETY_RULES), with whether each is safety-relevant. */
  rules: readonly { id: string; safetyRelevant: boolean }[];
  tests: TestIndex;
  /** Names of constraints, triggers and functions created by the migrations. */
  databaseObjects: ReadonlySet<string>;
}

export function checkHazardLog(log: HazardLog, inputs: CheckInputs): string[] {
  const problems: string[] = [];
  const ruleIds = new Set(inputs.rules.map((r) => r.id));
  const named = new Set<string>();
  const ids = new Set<string>();

  for (const h of [...log.hazards, ...log.anticipated]) {
    if (ids.has(h.id)) problems.push(`${h.id}: the id is used twice`);
    ids.add(h.id);
  }
  for (const h of log.hazards) {
    if (h.controls.length === 0) problems.push(`${h.id}: has no control`);
    h.controls.forEach((c, i) => {
      const where = `${h.id} control ${i + 1}`;
      if (c.kind === 'domain-rule') {
        if (!c.ref) problems.push(`${where}: a domain-rule control names its rule id in ref`);
        else if (!ruleIds.has(c.ref)) problems.push(`${where}: no domain rule has the id '${c.ref}'`);
        else named.add(c.ref);
      }
      if (c.kind === 'database') {
        if (!c.ref) problems.push(`${where}: a database control names its constraint or trigger in ref`);
        else if (!inputs.databaseObjects.has(c.ref)) problems.push(`${where}: no migration creates '${c.ref}'`);
      }
      if (c.verifiedBy.length === 0) problems.push(`${where}: names no test that verifies it`);
      for (const t of c.verifiedBy) {
        const names = inputs.tests.get(t.file);
        if (!names) problems.push(`${where}: no test file ${t.file}`);
        else if (!names.has(t.test)) problems.push(`${where}: ${t.file} has no test named '${t.test}'`);
      }
    });
  }
  for (const rule of inputs.rules) {
    if (rule.safetyRelevant && !named.has(rule.id))
      problems.push(`domain rule '${rule.id}' is safety-relevant but no hazard names it as a control`);
  }
  return problems;
}

/** Constraint, index, trigger and function names created in migration SQL. */
export function databaseObjectsIn(sql: string): Set<string> {
  const names = new Set<string>();
  const pattern =
    /CREATE\s+(?:OR\s+REPLACE\s+)?(?:UNIQUE\s+)?(?:CONSTRAINT\s+)?(?:TRIGGER|FUNCTION|INDEX)\s+"?([A-Za-z_]\w*)"?|CONSTRAINT\s+"?([A-Za-z_]\w*)"?/gi;
  for (const m of sql.matchAll(pattern)) names.add(m[1] ?? m[2]);
  return names;
}
