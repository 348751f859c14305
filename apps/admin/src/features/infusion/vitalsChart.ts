import type { VitalsThresholds } from '@cadence/domain';
import { DateTime } from 'luxon';

/** What the chart reads of a flowsheet reading; voided ones (entered in error) are left out. */
export interface ChartReading {
  takenAt: string;
  systolic?: number | null;
  diastolic?: number | null;
  heartRate?: number | null;
  spo2?: number | null;
  respiratoryRate?: number | null;
  voided?: boolean;
}

export type ChartPoint = { time: string } & Partial<
  Record<'systolic' | 'diastolic' | 'heartRate' | 'spo2' | 'respiratoryRate', number>
>;

/** One point per reading in time order, on the clinic's clock; a sign not taken stays a gap. */
export function chartPoints(readings: readonly ChartReading[], zone: string): ChartPoint[] {
  return readings
    .filter((r) => !r.voided)
    .toSorted((a, b) => a.takenAt.localeCompare(b.takenAt))
    .map((r) => {
      const point: ChartPoint = { time: DateTime.fromISO(r.takenAt).setZone(zone).toFormat('HH:mm') };
      for (const sign of ['systolic', 'diastolic', 'heartRate', 'spo2', 'respiratoryRate'] as const) {
        const value = r[sign];
        if (typeof value === 'number') point[sign] = value;
      }
      return point;
    });
}

export interface ThresholdLine {
  y: number;
  label: string;
  color: string;
  /** Upper limits labelled above their line, lower ones below; diastolic on the left, clear of heart rate. */
  labelPosition: 'insideTopRight' | 'insideBottomRight' | 'insideTopLeft';
}

/** The alert limits the session runs under (the clinic's, with the protocol's overrides), drawn as lines. */
export function thresholdLines(t: VitalsThresholds): { circulation: ThresholdLine[]; breathing: ThresholdLine[] } {
  return {
    circulation: [
      { y: t.systolicAbove, label: `SBP > ${t.systolicAbove}`, color: 'red.7', labelPosition: 'insideTopRight' },
      { y: t.systolicBelow, label: `SBP < ${t.systolicBelow}`, color: 'red.7', labelPosition: 'insideBottomRight' },
      { y: t.diastolicAbove, label: `DBP > ${t.diastolicAbove}`, color: 'orange.7', labelPosition: 'insideTopLeft' },
      { y: t.heartRateAbove, label: `HR > ${t.heartRateAbove}`, color: 'grape.7', labelPosition: 'insideTopRight' },
      { y: t.heartRateBelow, label: `HR < ${t.heartRateBelow}`, color: 'grape.7', labelPosition: 'insideBottomRight' },
    ],
    breathing: [
      { y: t.spo2Below, label: `SpO2 < ${t.spo2Below} %`, color: 'blue.7', labelPosition: 'insideBottomRight' },
      {
        y: t.respiratoryRateAbove,
        label: `RR > ${t.respiratoryRateAbove}`,
        color: 'teal.7',
        labelPosition: 'insideTopRight',
      },
      {
        y: t.respiratoryRateBelow,
        label: `RR < ${t.respiratoryRateBelow}`,
        color: 'teal.7',
        labelPosition: 'insideBottomRight',
      },
    ],
  };
}
