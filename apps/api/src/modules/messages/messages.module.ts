import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import { MailDelivery } from './mail-delivery.service';
import { MailTransport, mailTransportFor } from './mail-transport';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';

/**
 * Emails to patients (follow-up links, appointment reminders): queued as rows, delivered by a worker
 * in every instance through the mail server when SMTP_URL is set, else listed for staff to send by
 * hand; the outbox where staff see and act on them.
 */
@Module({
  controllers: [MessagesController],
  providers: [
    MessagesRepository,
    MessagesService,
    MailDelivery,
    { provide: MailTransport, inject: [APP_CONFIG], useFactory: (config: AppConfig) => mailTransportFor(config) },
  ],
  exports: [MessagesService, MailDelivery],
})
export class MessagesModule {}
