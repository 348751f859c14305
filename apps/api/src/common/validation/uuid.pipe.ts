import { Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainError } from '../errors/domain-error';

/** Path ids must be UUIDs: anything else is a 400 naming the parameter, not a database error. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value;
    const field = metadata.data ?? 'id';
    throw new DomainError('VALIDATION_FAILED', `${field} must be a UUID.`, [
      { field, rule: 'isUuid', message: `${field} must be a UUID` },
    ]);
  }
}
