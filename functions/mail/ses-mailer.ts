import { SendEmailCommand, SESv2Client, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import nodemailer from 'nodemailer';
import { MailDeliveryError, toMailDeliveryError } from './mail-delivery-error';
import type { Mailer, OutgoingEmail, SendResult } from './outgoing-email';
import { addressList, toNodemailerMessage } from './nodemailer-message';

export interface SesSettings {
  region: string;
  /** Every message is sent with it, so its bounce and complaint events reach the ses-events function. */
  configurationSet?: string;
}

/**
 * SES errors that say this message (not our account or configuration) can never be sent. Everything
 * else is temporary: `MessageRejected` is also what the SES sandbox answers for an unverified
 * recipient, and throttling, a paused account or a missing configuration set are ours to fix,
 * so none of them may put the address on the suppression list. Real bounces arrive later, as SES
 * events (functions/handlers/ses-events.ts).
 */
const permanentSesErrors = new Set(['BadRequestException']);

function toSesDeliveryError(error: unknown): MailDeliveryError {
  if (!(error instanceof SESv2ServiceException)) return toMailDeliveryError(error);
  const permanent = permanentSesErrors.has(error.name);
  // The error text can quote an address; it stays in `cause`, out of the message that is logged.
  return new MailDeliveryError(`Mail delivery failed ${permanent ? 'permanently' : 'temporarily'}: SES ${error.name}`, {
    permanent,
    code: error.name,
    source: `SES_${error.name}`,
    cause: error,
  });
}

/**
 * A Mailer through Amazon SES (API v2, SendEmail with the raw MIME message nodemailer composes, the
 * same MIME as over SMTP). SES gives the message its own Message-ID; the UID inside the calendar
 * part, not the Message-ID, is what mail clients match invitations on.
 */
export function createSesMailer(settings: SesSettings, client: SESv2Client = new SESv2Client({ region: settings.region })): Mailer {
  const transport = nodemailer.createTransport({ SES: { sesClient: client, SendEmailCommand } });
  return {
    async send(email: OutgoingEmail): Promise<SendResult> {
      const message = toNodemailerMessage(email);
      try {
        const info = await transport.sendMail({
          ...message,
          ...(settings.configurationSet ? { ses: { ConfigurationSetName: settings.configurationSet } } : {}),
        });
        return { messageId: info.messageId, accepted: addressList(info.envelope.to), rejected: [], response: info.response };
      } catch (error) {
        throw toSesDeliveryError(error);
      }
    },
  };
}
