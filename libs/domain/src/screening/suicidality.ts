import { instrumentAnswers, type Answers } from './answers';
import { INSTRUMENTS, scoreInstrument, type InstrumentId } from './instruments';
import type { ScreeningTemplate } from './templates';

/** One answer behind a suicidality flag, e.g. PHQ-9 item 9 answered "Several days". */
export interface SuicidalityAnswer {
  /** The template item holding the instrument ('phq9'). */
  itemId: string;
  instrument: InstrumentId;
  /** The instrument's question ('q9'). */
  questionId: string;
  value: number | boolean;
}

/**
 * The answers in a screening that raise the SUICIDALITY flag, in the order they are asked.
 *
 * Each answer is scored on its own by the instrument's own scoring, so which answers count
 * (PHQ-9 item 9 above "not at all"; any C-SSRS "yes" except the recency follow-up) is decided in
 * one place and the flag and the answers named behind it cannot disagree. A missing or invalid
 * answer never counts, as in the scoring.
 */
export function positiveSuicidalityAnswers(template: ScreeningTemplate, answers: Answers): SuicidalityAnswer[] {
  const found: SuicidalityAnswer[] = [];
  for (const item of template.items) {
    if (item.type !== 'instrument') continue;
    const given = instrumentAnswers(answers, item.id) ?? {};
    for (const question of INSTRUMENTS[item.instrument].items) {
      const value = given[question.id];
      if (value === undefined || value === null) continue;
      const alone = scoreInstrument(item.instrument, { [question.id]: value });
      if (alone.flags.includes('SUICIDALITY')) {
        found.push({ itemId: item.id, instrument: item.instrument, questionId: question.id, value });
      }
    }
  }
  return found;
}
