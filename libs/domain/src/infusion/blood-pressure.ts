/**
 * A diastolic pressure at or above the systolic is not a reading anyone can have (the pulse
 * pressure would be zero or negative): it is a transposed pair or a typing slip. Every place a
 * blood pressure is entered — screening, check-in, the flowsheet — refuses it with this sentence
 * rather than scoring or storing it.
 */
export function bloodPressurePairProblem(systolic: number, diastolic: number): string | undefined {
  if (!Number.isFinite(systolic) || !Number.isFinite(diastolic)) return undefined;
  return diastolic >= systolic
    ? `the diastolic (${diastolic} mmHg) must be lower than the systolic (${systolic} mmHg): check the reading was not entered the wrong way round`
    : undefined;
}
