import type { Config } from '../config/types.js';
import type { Channel } from './channels/Channel.js';
import { commandChannel } from './channels/commandChannel.js';
import { emailChannel } from './channels/emailChannel.js';
import { webhookChannel } from './channels/webhookChannel.js';

/** The channels [notify] configures, in a fixed order: e-mail (smtp_host set), webhook, command. */
export function configuredChannels(config: Config): Channel[] {
  const { notify, notifySecrets } = config;
  const channels: Channel[] = [];
  if (notify.smtp_host !== '') channels.push(emailChannel(notify, notify.smtp_password_file !== '' ? notifySecrets.smtpPassword : undefined));
  if (notify.webhook_url !== '') channels.push(webhookChannel(notify.webhook_url, notify.webhook_secret_file !== '' ? notifySecrets.webhookSecret : undefined));
  if (notify.notify_command !== '') channels.push(commandChannel(notify.notify_command));
  return channels;
}

/** The channel names, without building any transport (what the outbox rows are written for). */
export function configuredChannelNames(config: Config): string[] {
  const { notify } = config;
  return [notify.smtp_host !== '' && 'email', notify.webhook_url !== '' && 'webhook', notify.notify_command !== '' && 'command'].filter(
    (name): name is string => name !== false,
  );
}
