import type { FastifyBaseLogger } from 'fastify';

export interface OutgoingMessage {
  id: string;
  graduateId: string;
  requestId: string | null;
  channel: 'sms' | 'email';
  template: string;
  payload: unknown;
}

/** Delivers one message (SMS gateway, email). Throws to have it retried later. */
export interface NotificationSender {
  send(message: OutgoingMessage): Promise<void>;
}

/** The default sender: writes the message to the log. A real gateway replaces it by configuration. */
export class LogSender implements NotificationSender {
  constructor(private readonly log: FastifyBaseLogger) {}

  async send(message: OutgoingMessage): Promise<void> {
    this.log.info({ notification: message }, 'notification sent (log sender)');
  }
}
