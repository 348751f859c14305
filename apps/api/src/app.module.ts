import { DynamicModule, Module } from '@nestjs/common';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { AuthCommonModule } from './common/auth/auth-common.module';
import { APP_CONFIG, AppConfig } from './common/config/app.config';
import { loggerParams } from './common/logging/logging';
import { withoutIdleClsEnhancers } from './common/prisma/cls';
import { PrismaModule } from './common/prisma/prisma.module';
import { PrismaService } from './common/prisma/prisma.service';
import { TRANSACTION_OPTIONS } from './common/prisma/transactions';
import { AdverseEventsModule } from './modules/adverse-events/adverse-events.module';
import { AlertsModule } from './modules/alerts/alerts.module';
import { AppointmentsModule } from './modules/appointments/appointments.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BoostersModule } from './modules/boosters/boosters.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { ClinicModule } from './modules/clinic/clinic.module';
import { CoursesModule } from './modules/courses/courses.module';
import { DosingModule } from './modules/dosing/dosing.module';
import { FhirModule } from './modules/fhir/fhir.module';
import { FollowUpModule } from './modules/follow-up/follow-up.module';
import { HealthModule } from './modules/health/health.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { MessagesModule } from './modules/messages/messages.module';
import { PatientsModule } from './modules/patients/patients.module';
import { ProtocolsModule } from './modules/protocols/protocols.module';
import { ScreeningModule } from './modules/screening/screening.module';
import { SessionsModule } from './modules/sessions/sessions.module';
import { UsersModule } from './modules/users/users.module';
import { OutcomesModule } from './modules/outcomes/outcomes.module';
import { VitalsModule } from './modules/vitals/vitals.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: PinoLogger): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerParams(logger)),
        PrismaModule,
        // One transaction context per use case (see common/prisma/transactions.ts).
        withoutIdleClsEnhancers(
          ClsModule.forRoot({
            global: true,
            plugins: [
              new ClsPluginTransactional({
                imports: [PrismaModule],
                adapter: new TransactionalAdapterPrisma({
                  prismaInjectionToken: PrismaService,
                  sqlFlavor: 'postgresql',
                  defaultTxOptions: TRANSACTION_OPTIONS,
                }),
              }),
            ],
          }),
        ),
        AuthCommonModule,
        AuditModule,
        AuthModule,
        UsersModule,
        PatientsModule,
        ScreeningModule,
        ProtocolsModule,
        ClinicModule,
        CoursesModule,
        AppointmentsModule,
        CalendarModule,
        SessionsModule,
        VitalsModule,
        OutcomesModule,
        DosingModule,
        AdverseEventsModule,
        AlertsModule,
        MessagesModule,
        JobsModule,
        BoostersModule,
        FollowUpModule,
        FhirModule,
        HealthModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
