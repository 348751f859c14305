import {
  DEFAULT_FOLLOW_UP_CLINIC_SETTINGS,
  type BoosterSettings,
  type FollowUpClinicSettings,
  type FollowUpSettings,
  type ReliefSettings,
} from '@cadence/domain';
import { dosingSettingsOf } from '../sessions/infusion-settings';

/** What a clinic stores: any part of FollowUpClinicSettings (validated when saved). */
export interface StoredFollowUpSettings {
  followUp?: Partial<FollowUpSettings>;
  relief?: { responder?: Partial<ReliefSettings['responder']>; line?: ReliefSettings['line'] };
  boosterApprovalValidDays?: number;
}

/** A clinic's stored follow-up settings over the domain's defaults, field by field (window bands as a whole). */
export function followUpSettingsOf(stored: unknown): FollowUpClinicSettings {
  const partial = (stored ?? {}) as StoredFollowUpSettings;
  const defaults = DEFAULT_FOLLOW_UP_CLINIC_SETTINGS;
  return {
    followUp: { ...defaults.followUp, ...partial.followUp },
    relief: {
      line: partial.relief?.line ?? defaults.relief.line,
      responder: { ...defaults.relief.responder, ...partial.relief?.responder },
    },
    boosterApprovalValidDays: partial.boosterApprovalValidDays ?? defaults.boosterApprovalValidDays,
  };
}

/** The booster checks' settings: the clinic's responder thresholds, bladder-screen age and dosing window caps. */
export function boosterSettingsOf(followUp: FollowUpClinicSettings, storedDosing: unknown): BoosterSettings {
  return {
    responder: followUp.relief.responder,
    followUp: followUp.followUp,
    dosing: dosingSettingsOf(storedDosing),
  };
}
