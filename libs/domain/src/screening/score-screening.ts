import { instrumentAnswers, type Answers } from './answers';
import { scoreInstrument, type InstrumentResult, type ScoringContext } from './instruments';
import type { ScreeningTemplate } from './templates';

/**
 * Scores every instrument embedded in a screening, keyed by the template item id ('phq9', ...),
 * for storing with the screening and showing live. Unanswered instruments are scored as
 * incomplete, never as zero.
 */
export function scoreScreeningInstruments(
  template: ScreeningTemplate,
  answers: Answers,
  context: ScoringContext = {},
): Record<string, InstrumentResult> {
  const scores: Record<string, InstrumentResult> = {};
  for (const item of template.items) {
    if (item.type !== 'instrument') continue;
    scores[item.id] = scoreInstrument(item.instrument, instrumentAnswers(answers, item.id) ?? {}, context);
  }
  return scores;
}
