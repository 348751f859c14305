import { BLADDER_SYMPTOMS } from './bladder';
import { PROMIS_COPYRIGHT_NOTICE, PROMIS_PI_6A_ITEM_IDS } from './promis-pain-interference';
import { followUpQuestionnaire } from './questions';
import { SUPPORTING_CARE } from './supporting-care';

describe('the follow-up questionnaire', () => {
  const form = followUpQuestionnaire();

  it('asks every question a record requires, the PROMIS items with their notice', () => {
    expect(form.painNrs.map((q) => q.field)).toEqual(['painNrsNow', 'painNrs7DayAverage']);
    expect(form.painInterference.items.map((i) => i.id)).toEqual([...PROMIS_PI_6A_ITEM_IDS]);
    expect(form.painInterference.copyrightNotice).toBe(PROMIS_COPYRIGHT_NOTICE);
    expect(form.phq9.items).toHaveLength(9);
    expect(form.phq9.options.map((o) => o.value)).toEqual([0, 1, 2, 3]);
    expect(form.bladder.map((q) => q.symptom)).toEqual([...BLADDER_SYMPTOMS]);
    expect(form.supportingCare.options.map((o) => o.value)).toEqual([...SUPPORTING_CARE]);
    expect(form.homeDoses.routes.map((r) => r.value)).not.toContain('IV');
  });
});
