import { followUpQuestionnaire } from '@cadence/domain';
import type { ResponseBody } from '../../api/types';

/** The follow-up's questions as the patient's page receives them from the API. */
export type FollowUpForm = ResponseBody<'/api/patient-link/{token}', 'get'>['questions'];

/** The same questions for the staff form: the one questionnaire in libs/domain the API also sends the patient. */
export const staffQuestions = (): FollowUpForm => followUpQuestionnaire();
