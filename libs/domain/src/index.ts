// Cadence's clinical rules and algorithms: plain functions over plain data, no framework imports.
export * from './patient';
export * from './screening';
export * from './scheduling';
export * from './safety';
export * from './dosing';
export * from './infusion';
export * from './outcomes';
export * from './follow-up';
export * from './audit/audit-labels';
