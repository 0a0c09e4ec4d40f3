import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { NotifySettings } from '../../config/types.js';
import type { Channel } from './Channel.js';

const TIMEOUT_MS = 15_000;

/** E-mail over SMTP; `password` read from smtp_password_file (never logged). */
export function emailChannel(settings: NotifySettings, password: string | undefined): Channel {
  // nodemailer is loaded at the first message, not when the agent starts.
  let transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;
  const createTransport = async (): Promise<Transporter<SMTPTransport.SentMessageInfo>> => {
    const { default: nodemailer } = await import('nodemailer');
    return nodemailer.createTransport({
      host: settings.smtp_host,
      port: settings.smtp_port,
      secure: settings.smtp_tls === 'tls',
      requireTLS: settings.smtp_tls === 'starttls',
      ignoreTLS: settings.smtp_tls === 'none',
      auth: settings.smtp_user !== '' ? { user: settings.smtp_user, pass: password ?? '' } : undefined,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    });
  };
  const to = settings.email_to
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');
  return {
    name: 'email',
    async send(digest) {
      transport ??= await createTransport();
      const info = await transport.sendMail({ from: settings.email_from, to, subject: digest.subject, text: digest.text });
      return `accepted by ${settings.smtp_host}:${settings.smtp_port} for ${info.accepted.length} recipient(s)`;
    },
  };
}
