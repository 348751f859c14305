import { Module } from '@nestjs/common';
import { ProtocolsController } from './protocols.controller';
import { ProtocolsRepository } from './protocols.repository';
import { ProtocolsService } from './protocols.service';

@Module({
  controllers: [ProtocolsController],
  providers: [ProtocolsRepository, ProtocolsService],
  exports: [ProtocolsRepository],
})
export class ProtocolsModule {}
