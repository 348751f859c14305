import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { SessionChecks } from './session-checks';
import { SessionsRepository } from './sessions.repository';
import { TokenService } from './tokens';

@Global()
@Module({
  providers: [TokenService, SessionsRepository, SessionChecks, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, SessionChecks],
})
export class AuthCommonModule {}
