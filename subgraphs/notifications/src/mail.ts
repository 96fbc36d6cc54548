import type { Logger } from '@agora/subgraph-kit';

/** One plain-text e-mail. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Where e-mail goes out. A real SMTP server or mail provider implements this; a
 * send that throws is retried with the event that caused it.
 */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

/**
 * The development default: writes each e-mail to the log instead of sending it,
 * so `npm start` needs no mail server and the mail can still be read.
 */
export class LoggingMailTransport implements MailTransport {
  constructor(private readonly logger: Logger) {}

  send(message: MailMessage): Promise<void> {
    this.logger.info({ mail: message }, `e-mail to ${message.to}: ${message.subject}`);
    return Promise.resolve();
  }
}
