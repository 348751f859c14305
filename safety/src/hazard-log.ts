/**
 * The hazard log: its shape, the clinical risk matrix it is scored on, and its Markdown rendering.
 * The matrix is the one of the NHS clinical risk management standards DCB0129 (manufacturers) and
 * DCB0160 (deployers): five severities by five likelihoods, giving a risk rating from 1 to 5.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export const SEVERITIES = ['Minor', 'Significant', 'Considerable', 'Major', 'Catastrophic'] as const;
export const LIKELIHOODS = ['Very low', 'Low', 'Medium', 'High', 'Very high'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Likelihood = (typeof LIKELIHOODS)[number];

export const SEVERITY_MEANING: Record<Severity, string> = {
  Minor: 'inconvenience or temporary discomfort',
  Significant: 'temporary injury or impairment not needing medical or surgical intervention',
  Considerable: 'injury or impairment needing medical or surgical intervention',
  Major: 'permanent impairment or irreversible injury, or death of one patient',
  Catastrophic: 'death or permanent life-changing harm to several patients',
};

export const LIKELIHOOD_MEANING: Record<Likelihood, string> = {
  'Very low': 'negligible or nearly negligible possibility of occurring',
  Low: 'could occur but in the great majority of occasions will not',
  Medium: 'possible',
  High: 'not certain but very possible; reasonably expected in the majority of cases',
  'Very high': 'certain or almost certain; highly likely to occur',
};

/** Rows by likelihood (Very low → Very high), columns by severity (Minor → Catastrophic). */
const MATRIX: readonly (readonly RiskRating[])[] = [
  [1, 1, 2, 2, 3],
  [1, 2, 2, 3, 4],
  [2, 2, 3, 3, 4],
  [2, 3, 3, 4, 5],
  [3, 4, 4, 5, 5],
];

export type RiskRating = 1 | 2 | 3 | 4 | 5;
export const RISK_MEANING: Record<RiskRating, string> = {
  1: 'Acceptable; no further action',
  2: 'Acceptable where documented controls are in place',
  3: 'Undesirable; tolerable only with the controls verified and further reduction considered',
  4: 'Unacceptable; mandatory elimination or control to a lower rating before release',
  5: 'Unacceptable; mandatory elimination',
};

export function riskRating(severity: Severity, likelihood: Likelihood): RiskRating {
  return MATRIX[LIKELIHOODS.indexOf(likelihood)][SEVERITIES.indexOf(severity)];
}

export interface Risk {
  severity: Severity;
  likelihood: Likelihood;
}

export const CONTROL_KINDS = ['domain-rule', 'database', 'api', 'role', 'ui'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

export interface TestRef {
  file: string;
  test: string;
}

export interface Control {
  kind: ControlKind;
  /** domain-rule: an id of SAFETY_RULES; database: a constraint, trigger or function named in a migration. */
  ref?: string;
  description: string;
  verifiedBy: TestRef[];
}

export interface Hazard {
  id: string;
  title: string;
  cause: string;
  effect: string;
  initial: Risk;
  controls: Control[];
  residual: Risk;
  justification: string;
}

/** A hazard of a module not built yet: recorded so it is designed for, with no controls to verify. */
export interface AnticipatedHazard {
  id: string;
  title: string;
  module: string;
  plannedControls: string;
}

export interface HazardLog {
  hazards: Hazard[];
  anticipated: AnticipatedHazard[];
}

/** Reads and shape-checks the YAML; throws naming the first path that does not fit. */
export function loadHazardLog(path: string): HazardLog {
  return parseHazardLog(readFileSync(path, 'utf8'));
}

export function parseHazardLog(text: string): HazardLog {
  const raw = parse(text) as unknown;
  const at = (path: string, message: string): never => {
    throw new Error(`hazard log: ${path} ${message}`);
  };
  const obj = (v: unknown, path: string) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : at(path, 'must be a mapping');
  const str = (v: unknown, path: string) =>
    typeof v === 'string' && v.trim() !== '' ? v.trim() : at(path, 'must be a non-empty string');
  const list = (v: unknown, path: string) => (Array.isArray(v) ? v : at(path, 'must be a list'));
  const oneOf = <T extends string>(v: unknown, options: readonly T[], path: string): T =>
    options.includes(v as T) ? (v as T) : at(path, `must be one of ${options.join(', ')}`);
  const risk = (v: unknown, path: string): Risk => {
    const r = obj(v, path);
    return {
      severity: oneOf(r.severity, SEVERITIES, `${path}.severity`),
      likelihood: oneOf(r.likelihood, LIKELIHOODS, `${path}.likelihood`),
    };
  };

  const root = obj(raw, 'document');
  const hazards = list(root.hazards, 'hazards').map((h, i): Hazard => {
    const p = `hazards[${i}]`;
    const o = obj(h, p);
    const id = str(o.id, `${p}.id`);
    const title = str(o.title, `${p}.title`);
    const cause = str(o.cause, `${p}.cause`);
    const effect = str(o.effect, `${p}.effect`);
    const initial = risk(o.initial, `${p}.initial`);
    const controls = list(o.controls, `${p}.controls`).map((c, j): Control => {
      const cp = `${p}.controls[${j}]`;
      const co = obj(c, cp);
      return {
        kind: oneOf(co.kind, CONTROL_KINDS, `${cp}.kind`),
        ...(co.ref !== undefined ? { ref: str(co.ref, `${cp}.ref`) } : {}),
        description: str(co.description, `${cp}.description`),
        verifiedBy: list(co.verifiedBy, `${cp}.verifiedBy`).map((t, k) => {
          const to = obj(t, `${cp}.verifiedBy[${k}]`);
          return {
            file: str(to.file, `${cp}.verifiedBy[${k}].file`),
            test: str(to.test, `${cp}.verifiedBy[${k}].test`),
          };
        }),
      };
    });
    return {
      id,
      title,
      cause,
      effect,
      initial,
      controls,
      residual: risk(o.residual, `${p}.residual`),
      justification: str(o.justification, `${p}.justification`),
    };
  });
  const anticipated = list(root.anticipated ?? [], 'anticipated').map((a, i): AnticipatedHazard => {
    const p = `anticipated[${i}]`;
    const o = obj(a, p);
    return {
      id: str(o.id, `${p}.id`),
      title: str(o.title, `${p}.title`),
      module: str(o.module, `${p}.module`),
      plannedControls: str(o.plannedControls, `${p}.plannedControls`),
    };
  });
  return { hazards, anticipated };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const rated = (r: Risk) => `${riskRating(r.severity, r.likelihood)} (${r.severity} × ${r.likelihood})`;

/** The readable log, generated from the YAML (safety/HAZARD-LOG.md). */
export function renderHazardLog(log: HazardLog): string {
  const out: string[] = [
    '# Cadence hazard log',
    '',
    '<!-- Generated from safety/hazards.yaml by `npm run hazards`; edit the YAML, not this file. -->',
    '',
    'Each hazard is a way Cadence could contribute to harm to a patient, with its cause, its effect, the',
    'controls that reduce it and the tests that prove each control. Risk is rated before and after the',
    'controls on the DCB0129/DCB0160 clinical risk matrix below. `npm test` fails when a hazard names a',
    'test, a domain rule or a database object that does not exist, or when a safety-relevant domain rule',
    'is named by no hazard.',
    '',
    '## Risk matrix',
    '',
    `| likelihood \\ severity | ${SEVERITIES.join(' | ')} |`,
    `| --- | ${SEVERITIES.map(() => '---').join(' | ')} |`,
    ...[...LIKELIHOODS].reverse().map((l) => `| ${l} | ${SEVERITIES.map((s) => riskRating(s, l)).join(' | ')} |`),
    '',
    ...SEVERITIES.map((s) => `- **${s}**: ${SEVERITY_MEANING[s]}`),
    '',
    ...LIKELIHOODS.map((l) => `- **${l}**: ${LIKELIHOOD_MEANING[l]}`),
    '',
    ...([1, 2, 3, 4, 5] as const).map((r) => `- **${r}**: ${RISK_MEANING[r]}`),
    '',
    '## Summary',
    '',
    '| id | hazard | initial risk | residual risk |',
    '| --- | --- | --- | --- |',
    ...log.hazards.map(
      (h) => `| [${h.id}](#${h.id.toLowerCase()}) | ${cell(h.title)} | ${rated(h.initial)} | ${rated(h.residual)} |`,
    ),
    '',
  ];
  for (const h of log.hazards) {
    out.push(
      `## ${h.id}`,
      '',
      `**${cell(h.title)}**`,
      '',
      `- **Cause:** ${cell(h.cause)}`,
      `- **Effect on the patient:** ${cell(h.effect)}`,
      `- **Initial risk:** ${rated(h.initial)}`,
      `- **Residual risk:** ${rated(h.residual)} — ${cell(h.justification)}`,
      '',
      '| control | kind | verified by |',
      '| --- | --- | --- |',
      ...h.controls.map(
        (c) =>
          `| ${cell(c.description)}${c.ref ? ` (\`${c.ref}\`)` : ''} | ${c.kind} | ${c.verifiedBy
            .map((t) => `\`${t.file}\`: ${cell(t.test)}`)
            .join('<br>')} |`,
      ),
      '',
    );
  }
  if (log.anticipated.length) {
    out.push(
      '## Anticipated hazards of modules not yet built',
      '',
      'Recorded now so the modules are designed for them; each becomes a hazard above, with controls and tests, when its module lands.',
      '',
      '| id | hazard | module | planned controls |',
      '| --- | --- | --- | --- |',
      ...log.anticipated.map((a) => `| ${a.id} | ${cell(a.title)} | ${a.module} | ${cell(a.plannedControls)} |`),
      '',
    );
  }
  return out.join('\n');
}
