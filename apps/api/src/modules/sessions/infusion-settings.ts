import {
  DEFAULT_DOSING_SETTINGS,
  DEFAULT_INFUSION_SETTINGS,
  settingsForProtocol,
  type DosingSettings,
  type InfusionSettings,
  type ProtocolInfusionOverrides,
} from '@cadence/domain';

/**
 * A clinic's stored infusion settings (a partial InfusionSettings, validated when saved) over the
 * domain's cited defaults, field by field, then a protocol's overrides over those.
 */
export function infusionSettingsOf(stored: unknown, protocol?: ProtocolInfusionOverrides): InfusionSettings {
  const partial = (stored ?? {}) as Partial<InfusionSettings>;
  const clinic: InfusionSettings = {
    ...DEFAULT_INFUSION_SETTINGS,
    ...partial,
    thresholds: { ...DEFAULT_INFUSION_SETTINGS.thresholds, ...partial.thresholds },
    fastingHours: { ...DEFAULT_INFUSION_SETTINGS.fastingHours, ...partial.fastingHours },
    discharge: { ...DEFAULT_INFUSION_SETTINGS.discharge, ...partial.discharge },
  };
  return settingsForProtocol(clinic, protocol);
}

/** A clinic's stored dosing settings (partial) over the domain's defaults; no window cap unless the clinic set one. */
export function dosingSettingsOf(stored: unknown): DosingSettings {
  const partial = (stored ?? {}) as Partial<DosingSettings>;
  return {
    ...DEFAULT_DOSING_SETTINGS,
    ...partial,
    weightKg: { ...DEFAULT_DOSING_SETTINGS.weightKg, ...partial.weightKg },
    windowCapsMg: { ...DEFAULT_DOSING_SETTINGS.windowCapsMg, ...partial.windowCapsMg },
  };
}

/**
 * What a stored protocol definition changes in the infusion settings: its vitals interval, and
 * any `infusionOverrides` it carries.
 */
export function protocolOverridesOf(definition: unknown): ProtocolInfusionOverrides {
  const protocol = (definition ?? {}) as {
    vitalsIntervalMinutes?: number | null;
    infusionOverrides?: ProtocolInfusionOverrides;
  };
  return {
    ...protocol.infusionOverrides,
    vitalsIntervalMinutes: protocol.vitalsIntervalMinutes ?? protocol.infusionOverrides?.vitalsIntervalMinutes ?? null,
  };
}
