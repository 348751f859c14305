import { ApiProperty } from '@nestjs/swagger';

const NUM = { type: Number, nullable: true } as const;

export class DisclosureDto {
  @ApiProperty({ enum: ['SHOWN', 'SMALL_GROUP', 'SUPPRESSED'] }) code!: 'SHOWN' | 'SMALL_GROUP' | 'SUPPRESSED';
  @ApiProperty() ruleId!: string;
  @ApiProperty({ description: 'False when the figures are withheld (the group is below the suppression size)' })
  shown!: boolean;
  @ApiProperty() message!: string;
}

export class SelectionDto {
  @ApiProperty({ description: 'The filters applied, as given (the clinic is always the caller’s)' })
  filters!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) groupBy!: string | null;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ description: 'Groups below this many are suppressed' }) suppressBelow!: number;
  @ApiProperty({ description: 'Groups below this many are flagged small' }) smallGroupBelow!: number;
  @ApiProperty({ enum: ['MODERATE', 'SUBSTANTIAL', 'POINTS'], description: 'The line relief is held above' })
  reliefLine!: string;
}

export class ProportionDto {
  @ApiProperty() successes!: number;
  @ApiProperty() trials!: number;
  @ApiProperty(NUM) proportion!: number | null;
  @ApiProperty(NUM) lower!: number | null;
  @ApiProperty(NUM) upper!: number | null;
}

export class TimeWithIntervalDto {
  @ApiProperty({ ...NUM, description: 'Days; null where the curve does not reach it' }) time!: number | null;
  @ApiProperty(NUM) lower!: number | null;
  @ApiProperty(NUM) upper!: number | null;
}

export class CurveStepDto {
  @ApiProperty() time!: number;
  @ApiProperty() atRisk!: number;
  @ApiProperty() events!: number;
  @ApiProperty() censored!: number;
  @ApiProperty() survival!: number;
  @ApiProperty(NUM) standardError!: number | null;
  @ApiProperty(NUM) lower!: number | null;
  @ApiProperty(NUM) upper!: number | null;
}

export class AtRiskDto {
  @ApiProperty() time!: number;
  @ApiProperty() atRisk!: number;
}

export class ReliefAtDto {
  @ApiProperty() day!: number;
  @ApiProperty() survival!: number;
  @ApiProperty(NUM) lower!: number | null;
  @ApiProperty(NUM) upper!: number | null;
}

export class OutcomeCountDto {
  @ApiProperty({
    enum: ['RELIEF_LOST', 'STILL_RESPONDING', 'LOST_TO_FOLLOW_UP', 'NEW_COURSE_STARTED', 'NO_BASELINE', 'NO_FOLLOW_UP'],
  })
  code!: string;
  @ApiProperty() courses!: number;
}

export class ReliefGroupDto {
  @ApiProperty() group!: string;
  @ApiProperty({ type: DisclosureDto }) disclosure!: DisclosureDto;
  @ApiProperty({ ...NUM, description: 'Courses on the curve; null when suppressed' }) subjects!: number | null;
  @ApiProperty(NUM) events!: number | null;
  @ApiProperty({ type: TimeWithIntervalDto, nullable: true, description: 'Median days of relief (survfit’s rule)' })
  median!: TimeWithIntervalDto | null;
  @ApiProperty({ type: [CurveStepDto], description: 'Kaplan–Meier steps with 95 % log bands; empty when suppressed' })
  steps!: CurveStepDto[];
  @ApiProperty({ type: [AtRiskDto] }) atRisk!: AtRiskDto[];
  @ApiProperty({ type: [ReliefAtDto], description: 'Still with relief at the milestone days' })
  reliefAt!: ReliefAtDto[];
  @ApiProperty({ type: [OutcomeCountDto], description: 'Courses by relief outcome, the ones off the curve included' })
  outcomes!: OutcomeCountDto[];
}

export class LogRankGroupDto {
  @ApiProperty() group!: string;
  @ApiProperty() subjects!: number;
  @ApiProperty() observed!: number;
  @ApiProperty() expected!: number;
}

export class LogRankDto {
  @ApiProperty({ type: [LogRankGroupDto] }) groups!: LogRankGroupDto[];
  @ApiProperty() chiSquare!: number;
  @ApiProperty() degreesOfFreedom!: number;
  @ApiProperty(NUM) pValue!: number | null;
  @ApiProperty({ type: [String], description: 'Suppressed groups, left out of the test' }) excludedGroups!: string[];
}

export class ReliefCurvesDto {
  @ApiProperty({ type: SelectionDto }) selection!: SelectionDto;
  @ApiProperty({ type: [ReliefGroupDto] }) groups!: ReliefGroupDto[];
  @ApiProperty({ type: LogRankDto, nullable: true, description: 'With two or more groups shown' })
  logRank!: LogRankDto | null;
}

export class MedianGroupDto {
  @ApiProperty() group!: string;
  @ApiProperty({ type: DisclosureDto }) disclosure!: DisclosureDto;
  @ApiProperty(NUM) subjects!: number | null;
  @ApiProperty(NUM) events!: number | null;
  @ApiProperty({ type: TimeWithIntervalDto, nullable: true }) median!: TimeWithIntervalDto | null;
  @ApiProperty({ type: TimeWithIntervalDto, nullable: true, description: 'Days by which a quarter lost relief' })
  firstQuartile!: TimeWithIntervalDto | null;
  @ApiProperty({ type: TimeWithIntervalDto, nullable: true }) thirdQuartile!: TimeWithIntervalDto | null;
}

export class MediansDto {
  @ApiProperty({ type: SelectionDto }) selection!: SelectionDto;
  @ApiProperty({ type: [MedianGroupDto] }) groups!: MedianGroupDto[];
}

export class MilestoneRateDto {
  @ApiProperty({ enum: ['TWO_WEEKS', 'ONE_MONTH', 'THREE_MONTHS', 'SIX_MONTHS'] }) milestone!: string;
  @ApiProperty() offsetDays!: number;
  @ApiProperty({ type: DisclosureDto }) disclosure!: DisclosureDto;
  @ApiProperty(NUM) assessed!: number | null;
  @ApiProperty({ type: ProportionDto, nullable: true, description: '≥ moderatePercent reduction' })
  moderate!: ProportionDto | null;
  @ApiProperty({ type: ProportionDto, nullable: true }) substantial!: ProportionDto | null;
  @ApiProperty({ type: ProportionDto, nullable: true }) points!: ProportionDto | null;
}

export class ResponderGroupDto {
  @ApiProperty() group!: string;
  @ApiProperty({ type: [MilestoneRateDto] }) milestones!: MilestoneRateDto[];
}

export class RespondersDto {
  @ApiProperty({ type: SelectionDto }) selection!: SelectionDto;
  @ApiProperty({ type: [ResponderGroupDto] }) groups!: ResponderGroupDto[];
}

export class ScoreAtDto {
  @ApiProperty() offsetDays!: number;
  @ApiProperty({ type: DisclosureDto }) disclosure!: DisclosureDto;
  @ApiProperty(NUM) records!: number | null;
  @ApiProperty({ ...NUM, description: 'Mean PROMIS Pain Interference T' }) promisTMean!: number | null;
  @ApiProperty({ ...NUM, description: 'Mean change in T from the course’s first follow-up record' })
  promisTChange!: number | null;
  @ApiProperty(NUM) promisTPaired!: number | null;
  @ApiProperty(NUM) phq9Mean!: number | null;
  @ApiProperty({ ...NUM, description: 'Mean change in PHQ-9 from the screening the booking relied on' })
  phq9Change!: number | null;
  @ApiProperty(NUM) phq9Paired!: number | null;
}

export class ScoreGroupDto {
  @ApiProperty() group!: string;
  @ApiProperty({ type: [ScoreAtDto] }) offsets!: ScoreAtDto[];
}

export class ScoresDto {
  @ApiProperty({ type: SelectionDto }) selection!: SelectionDto;
  @ApiProperty() baselines!: string;
  @ApiProperty({ type: [ScoreGroupDto] }) groups!: ScoreGroupDto[];
}

export class AdverseEventRateDto {
  @ApiProperty() term!: string;
  @ApiProperty(NUM) grade!: number | null;
  @ApiProperty() events!: number;
  @ApiProperty() per100Sessions!: number;
  @ApiProperty({ type: ProportionDto, description: 'Sessions with at least one such event' }) sessions!: ProportionDto;
}

export class AdverseEventGroupDto {
  @ApiProperty() group!: string;
  @ApiProperty({ type: DisclosureDto }) disclosure!: DisclosureDto;
  @ApiProperty(NUM) sessions!: number | null;
  @ApiProperty({ type: [AdverseEventRateDto] }) events!: AdverseEventRateDto[];
}

export class AdverseEventsDto {
  @ApiProperty({ type: SelectionDto }) selection!: SelectionDto;
  @ApiProperty({ type: [AdverseEventGroupDto] }) groups!: AdverseEventGroupDto[];
}

export class CompletionAtDto {
  @ApiProperty() offsetDays!: number;
  @ApiProperty({ type: DisclosureDto }) disclosure!: DisclosureDto;
  @ApiProperty({ type: ProportionDto, nullable: true, description: 'Windows closed (or answered) with a record' })
  completed!: ProportionDto | null;
}

export class CompletionGroupDto {
  @ApiProperty() group!: string;
  @ApiProperty({ type: [CompletionAtDto] }) offsets!: CompletionAtDto[];
}

export class CompletionDto {
  @ApiProperty({ type: SelectionDto }) selection!: SelectionDto;
  @ApiProperty({ type: [CompletionGroupDto] }) groups!: CompletionGroupDto[];
}

export class BoosterGroupDto {
  @ApiProperty() group!: string;
  @ApiProperty({ type: DisclosureDto }) disclosure!: DisclosureDto;
  @ApiProperty(NUM) patients!: number | null;
  @ApiProperty(NUM) boosters!: number | null;
  @ApiProperty(NUM) boostersPerPatient!: number | null;
  @ApiProperty({ type: ProportionDto, nullable: true }) patientsWithBooster!: ProportionDto | null;
  @ApiProperty({ ...NUM, description: 'Initial courses behind the time to first booster' }) initialCourses!:
    number | null;
  @ApiProperty({ type: TimeWithIntervalDto, nullable: true, description: 'Median days to the first booster (KM)' })
  medianDaysToFirstBooster!: TimeWithIntervalDto | null;
}

export class BoostersDto {
  @ApiProperty({ type: SelectionDto }) selection!: SelectionDto;
  @ApiProperty({ type: [BoosterGroupDto] }) groups!: BoosterGroupDto[];
}

export class ComparisonDto {
  @ApiProperty({ type: SelectionDto }) selection!: SelectionDto;
  @ApiProperty({ type: [MedianGroupDto] }) groups!: MedianGroupDto[];
  @ApiProperty({ type: LogRankDto, nullable: true }) logRank!: LogRankDto | null;
}
