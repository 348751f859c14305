import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class OccupancyQueryDto {
  @ApiProperty({ example: '2026-12', description: 'A calendar month of the clinic, YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a calendar month, YYYY-MM' })
  month!: string;
}

/** How full one clinic-local day is, in chair-minutes (beds, which keep no opening hours, aside). */
export class OccupancyDayDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({
    type: Number,
    description:
      'Minutes the clinic is open that day (the real minutes: 23 or 25 hours on clock-change days) × its active chairs and rooms; 0 on a closure',
  })
  openMinutes!: number;
  @ApiProperty({ type: Number, description: 'Chair-minutes of the sessions starting that day, cancelled ones aside' })
  bookedMinutes!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'bookedMinutes / openMinutes as a whole percentage; null when the clinic is not open',
  })
  percent!: number | null;
  @ApiProperty({ description: 'A closure covers the day' }) closed!: boolean;
}

export class OccupancyDto {
  @ApiProperty({ example: '2026-12' }) month!: string;
  @ApiProperty({ type: [OccupancyDayDto], description: 'Every day of the month, in order' })
  days!: OccupancyDayDto[];
}
