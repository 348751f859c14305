import { readFileSync } from 'node:fs';
import { checkHazardLog } from './check';
import { renderHazardLog, riskRating } from './hazard-log';
import { HAZARD_LOG_MD, repositoryHazardLog, repositoryInputs } from './repository';

describe("the repository's hazard log", () => {
  it('names only tests, domain rules and database objects that exist, and every safety-relevant rule', () => {
    expect(checkHazardLog(repositoryHazardLog(), repositoryInputs())).toEqual([]);
  });

  it('is rendered in safety/HAZARD-LOG.md as the YAML says (npm run hazards regenerates it)', () => {
    expect(readFileSync(HAZARD_LOG_MD, 'utf8')).toBe(renderHazardLog(repositoryHazardLog()));
  });

  it('gives every hazard at least one control and one test, with residual risk no higher than initial', () => {
    for (const h of repositoryHazardLog().hazards) {
      expect(h.controls.length).toBeGreaterThan(0);
      expect(h.controls.flatMap((c) => c.verifiedBy).length).toBeGreaterThan(0);
      expect(riskRating(h.residual.severity, h.residual.likelihood)).toBeLessThanOrEqual(
        riskRating(h.initial.severity, h.initial.likelihood),
      );
    }
  });
});
