/** Care alongside ketamine that may lengthen relief (DESIGN.md: physiotherapy, CBT, mindfulness, sleep). */
export const SUPPORTING_CARE = ['PHYSIOTHERAPY', 'PSYCHOLOGICAL_SUPPORT', 'MINDFULNESS', 'SLEEP'] as const;
export type SupportingCare = (typeof SUPPORTING_CARE)[number];

export const SUPPORTING_CARE_LABELS: Readonly<Record<SupportingCare, string>> = {
  PHYSIOTHERAPY: 'Physiotherapy',
  PSYCHOLOGICAL_SUPPORT: 'Psychological support or CBT',
  MINDFULNESS: 'Mindfulness',
  SLEEP: 'Sleep support',
};
