import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/current-user';
import type { OccupancyDto, OccupancyQueryDto } from './dto/occupancy.dto';
import { OccupancyRepository } from './occupancy.repository';

/** The month view of the board: counts only, so no patient is read and nothing is audited. */
@Injectable()
export class OccupancyService {
  constructor(private readonly occupancy: OccupancyRepository) {}

  async month(actor: Actor, query: OccupancyQueryDto): Promise<OccupancyDto> {
    const rows = await this.occupancy.month(actor.clinicId, `${query.month}-01`);
    return {
      month: query.month,
      days: rows.map((r) => ({
        ...r,
        percent: r.openMinutes > 0 ? Math.round((100 * r.bookedMinutes) / r.openMinutes) : null,
      })),
    };
  }
}
