export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one message; rejects when the mail server refuses or can't be reached. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}
