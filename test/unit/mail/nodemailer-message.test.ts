import { MailDeliveryError } from '../../../functions/mail/mail-delivery-error';
import type { OutgoingEmail } from '../../../functions/mail/mailer';
import { outboxFileName } from '../../../functions/mail/file-outbox-mailer';
import { toNodemailerMessage } from '../../../functions/mail/nodemailer-message';

const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';

function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    messageId: '<meeting-1.jan@destek.local>',
    from: 'Locon De Stek <overleg@destek.local>',
    to: 'jan@example.org',
    subject: 'Onderwerp',
    text: 'tekst',
    html: '<p>tekst</p>',
    ...overrides,
  };
}

function refusal(fn: () => unknown): MailDeliveryError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MailDeliveryError) return error;
    throw error;
  }
  throw new Error('expected a MailDeliveryError');
}

describe('toNodemailerMessage', () => {
  it('passes the calendar method to nodemailer, whose own default would be PUBLISH', () => {
    const options = toNodemailerMessage(email({ calendar: { method: 'REQUEST', content: ics } }));
    expect(options.icalEvent).toEqual({ method: 'REQUEST', content: ics, filename: 'uitnodiging.ics' });
    expect(options.messageId).toBe('<meeting-1.jan@destek.local>');
  });

  it('refuses, permanently, a calendar part whose METHOD differs from the declared method', () => {
    const error = refusal(() => toNodemailerMessage(email({ calendar: { method: 'CANCEL', content: ics } })));
    expect(error.permanent).toBe(true);
    expect(error.message).toContain('METHOD:REQUEST');
    expect(
      refusal(() => toNodemailerMessage(email({ calendar: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' } })))
        .message,
    ).toContain('(none)');
  });

  it.each(['meeting-1@destek.local', '<no-domain>', '<two words@destek.local>', '<a@b>\r\nBcc: x@y'])(
    'refuses the message id %j',
    (messageId) => {
      expect(refusal(() => toNodemailerMessage(email({ messageId }))).permanent).toBe(true);
    },
  );

  it('leaves out an empty cc list and copies custom headers', () => {
    const options = toNodemailerMessage(email({ cc: [], headers: { 'X-Destek-Meeting': 'm1' } }));
    expect(options).not.toHaveProperty('cc');
    expect(options.headers).toEqual({ 'X-Destek-Meeting': 'm1' });
  });
});

describe('outboxFileName', () => {
  it('is the ISO time without colons and the message id with unsafe characters replaced', () => {
    expect(outboxFileName(new Date('2026-11-20T09:15:42.123Z'), '<meeting-1.jan+x/y@destek.local>')).toBe(
      '2026-11-20T091542.123Z-meeting-1.jan_x_y_destek.local.eml',
    );
  });
});
