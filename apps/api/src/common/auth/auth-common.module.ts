import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { SessionsRepository } from './sessions.repository';
import { TokenService } from './tokens';

@Global()
@Module({
  providers: [TokenService, SessionsRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService],
})
export class AuthCommonModule {}
