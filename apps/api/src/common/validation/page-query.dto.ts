import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `page` and `pageSize` of a listing; each listing names its own page-size ceiling. */
export function PageQuery(defaultSize: number, maxSize: number) {
  class PageQueryDto {
    @ApiPropertyOptional({ type: Number, minimum: 1, default: 1 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(100000)
    page = 1;

    @ApiPropertyOptional({ type: Number, minimum: 1, maximum: maxSize, default: defaultSize })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maxSize)
    pageSize = defaultSize;
  }
  return PageQueryDto;
}
