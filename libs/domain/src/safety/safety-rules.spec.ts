import { BOOSTER_RULE_IDS } from '../follow-up/booster';
import { ELIGIBILITY_RULES } from '../screening/rules';
import { SAFETY_RULES } from './safety-rules';

describe('the safety rule registry', () => {
  it('gives every rule a unique id', () => {
    const ids = SAFETY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names every eligibility rule, each as safety-relevant', () => {
    for (const rule of ELIGIBILITY_RULES) {
      expect(SAFETY_RULES).toContainEqual(
        expect.objectContaining({ id: `eligibility-rule.${rule.id}`, safetyRelevant: true }),
      );
    }
  });

  it('marks the nurse-ratio plan rule safety-relevant', () => {
    expect(SAFETY_RULES.find((r) => r.id === 'plan.NURSE_CAPACITY')?.safetyRelevant).toBe(true);
  });

  it('names every rule a booster reason carries', () => {
    const ids = new Set(SAFETY_RULES.map((r) => r.id));
    for (const ruleId of Object.values(BOOSTER_RULE_IDS)) expect(ids).toContain(ruleId);
  });
});
