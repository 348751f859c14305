import { DEFAULT_DOSING_SETTINGS, type DosingSettings } from '../dosing/settings';
import { DEFAULT_INFUSION_SETTINGS, type InfusionSettings } from './settings';
import { infusionSettingsProblems } from './settings-problems';

const infusion = (change: Partial<InfusionSettings> = {}): InfusionSettings => ({
  ...DEFAULT_INFUSION_SETTINGS,
  ...change,
});
const thresholds = (change: Partial<InfusionSettings['thresholds']>) =>
  infusion({ thresholds: { ...DEFAULT_INFUSION_SETTINGS.thresholds, ...change } });
const dosing = (change: Partial<DosingSettings> = {}): DosingSettings => ({ ...DEFAULT_DOSING_SETTINGS, ...change });
const fields = (i: InfusionSettings, d = dosing()) => infusionSettingsProblems(i, d).map((p) => p.field);

describe('infusionSettingsProblems', () => {
  it('accepts the defaults', () => expect(infusionSettingsProblems(infusion(), dosing())).toEqual([]));
  it('a low limit must be strictly below its high one: 179 < 180 passes, 180 does not', () => {
    expect(fields(thresholds({ systolicBelow: 179 }))).toEqual([]);
    expect(infusionSettingsProblems(thresholds({ systolicBelow: 180 }), dosing())).toEqual([
      {
        field: 'infusion.thresholds.systolicBelow',
        rule: 'ordered',
        message: 'systolicBelow (180) must be below systolicAbove (180)',
      },
    ]);
  });
  it('names each contradiction', () => {
    expect(
      fields(
        thresholds({
          systolicSevereAbove: 180,
          diastolicSevereAbove: 110,
          heartRateBelow: 120,
          respiratoryRateBelow: 30,
          rassBelow: 1,
        }),
      ),
    ).toEqual([
      'infusion.thresholds.systolicSevereAbove',
      'infusion.thresholds.diastolicSevereAbove',
      'infusion.thresholds.heartRateBelow',
      'infusion.thresholds.respiratoryRateBelow',
      'infusion.thresholds.rassBelow',
    ]);
  });
  it('the check-in SpO2 block may equal the alert limit but not exceed it', () => {
    expect(fields(infusion({ checkInSpo2BlockBelow: 92 }))).toEqual([]);
    expect(fields(infusion({ checkInSpo2BlockBelow: 93 }))).toEqual(['infusion.checkInSpo2BlockBelow']);
  });
  it('the Aldrete O2 one-point line is below the two-point line', () => {
    const discharge = { ...DEFAULT_INFUSION_SETTINGS.discharge, aldreteSpo2OnePointAbove: 92 };
    expect(fields(infusion({ discharge }))).toEqual(['infusion.discharge.aldreteSpo2OnePointAbove']);
  });
  it('the weight range is a range', () => {
    expect(fields(infusion(), dosing({ weightKg: { min: 100, max: 100 } }))).toEqual(['dosing.weightKg.min']);
  });
  it('a longer window cap is not below a shorter one; unset caps are not compared', () => {
    expect(fields(infusion(), dosing({ windowCapsMg: { 30: 500, 90: 500, 365: null } }))).toEqual([]);
    expect(fields(infusion(), dosing({ windowCapsMg: { 30: 500, 90: 499, 365: 400 } }))).toEqual([
      'dosing.windowCapsMg[90]',
      'dosing.windowCapsMg[365]',
    ]);
  });
});
