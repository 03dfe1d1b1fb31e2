import { MailDeliveryError, toMailDeliveryError } from '../../../functions/mail/mail-delivery-error';

/** Shaped like the errors nodemailer's SMTP connection makes (code, response, responseCode, command). */
function smtpError(fields: { code?: string; response?: string; responseCode?: number; command?: string }): Error {
  return Object.assign(new Error(`failed: ${fields.response ?? ''}`), fields);
}

describe('toMailDeliveryError', () => {
  it('calls an SMTP 5xx answer permanent and keeps code, stage and cause', () => {
    const cause = smtpError({
      code: 'EENVELOPE',
      response: '550 5.1.1 <jan@example.org>: no such user',
      responseCode: 550,
      command: 'RCPT TO',
    });
    const error = toMailDeliveryError(cause);

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MailDeliveryError');
    expect(error.permanent).toBe(true);
    expect(error.responseCode).toBe(550);
    expect(error.code).toBe('EENVELOPE');
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('Mail delivery failed permanently: SMTP 550 on RCPT TO');
    expect(error.refusedByServer).toBe(true);
  });

  it('says the server refused the address only for an SMTP 5xx answer, not for a message that cannot be built', () => {
    expect(toMailDeliveryError(smtpError({ code: 'EENVELOPE', command: 'API' })).refusedByServer).toBe(false);
    expect(toMailDeliveryError(smtpError({ code: 'EENVELOPE', command: 'API' })).permanent).toBe(true);
    expect(toMailDeliveryError(smtpError({ response: '451 later', responseCode: 451, command: 'DATA' })).refusedByServer).toBe(false);
  });

  it('keeps the server answer, which names the recipient, out of the message that gets logged', () => {
    const error = toMailDeliveryError(
      smtpError({ code: 'EENVELOPE', response: '550 <jan@example.org> unknown', responseCode: 550, command: 'RCPT TO' }),
    );
    expect(error.message).not.toContain('jan@example.org');
  });

  it.each([
    [{ code: 'EENVELOPE', responseCode: 451, response: '451 try later', command: 'RCPT TO' }, false],
    [{ code: 'EMESSAGE', responseCode: 452, response: '452 full', command: 'DATA' }, false],
    [{ code: 'EMESSAGE', responseCode: 554, response: '554 spam', command: 'DATA' }, true],
    [{ code: 'EPROTOCOL', responseCode: 421, response: '421 closing', command: 'CONN' }, false],
    [{ code: 'ECONNECTION', command: 'CONN' }, false],
    [{ code: 'ETIMEDOUT', command: 'CONN' }, false],
    [{ code: 'ESOCKET', command: 'CONN' }, false],
    [{ code: 'EDNS' }, false],
    // A refused login is our configuration; once fixed, the same message goes through.
    [{ code: 'EAUTH', responseCode: 535, response: '535 bad credentials', command: 'AUTH PLAIN' }, false],
    // nodemailer's own envelope checks: the message can never be sent as it is.
    [{ code: 'EENVELOPE', command: 'API' }, true],
    [{ code: 'EMESSAGE', command: 'API' }, true],
  ])('classifies %j as permanent=%s', (fields, permanent) => {
    expect(toMailDeliveryError(smtpError(fields)).permanent).toBe(permanent);
  });

  it('treats anything unrecognised as temporary', () => {
    const error = toMailDeliveryError('a thrown string');
    expect(error.permanent).toBe(false);
    expect(error.cause).toBe('a thrown string');
    expect(error.message).toBe('Mail delivery failed temporarily: unknown error');
  });

  it('passes a MailDeliveryError through unchanged', () => {
    const original = new MailDeliveryError('bad', { permanent: true });
    expect(toMailDeliveryError(original)).toBe(original);
  });
});

describe('relay refusals and outages are transport failures', () => {
  function smtpError(fields: { code?: string; response?: string; responseCode?: number; command?: string }): Error {
    return Object.assign(new Error('failed'), fields);
  }

  it.each([
    [{ code: 'EENVELOPE', responseCode: 530, response: '530 5.7.0 Authentication required', command: 'MAIL FROM' }],
    [{ code: 'EENVELOPE', responseCode: 554, response: '554 5.7.1 <jan@example.org>: Relay access denied', command: 'RCPT TO' }],
    [{ code: 'ECONNECTION', command: 'CONN' }],
    [{ code: 'EAUTH', responseCode: 535, response: '535 bad credentials', command: 'AUTH PLAIN' }],
    [{ code: 'EPROTOCOL', responseCode: 421, response: '421 closing', command: 'CONN' }],
  ])('%j: a transport failure, retried, never a refusal of the address', (fields) => {
    const error = toMailDeliveryError(smtpError(fields));
    expect(error.transport).toBe(true);
    expect(error.permanent).toBe(false);
    expect(error.refusedByServer).toBe(false);
  });

  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 no such user', command: 'RCPT TO' }, true],
    [{ code: 'EMESSAGE', responseCode: 554, response: '554 Message rejected as spam', command: 'DATA' }, true],
    [{ code: 'EENVELOPE', responseCode: 452, response: '452 mailbox full', command: 'RCPT TO' }, false],
  ])('%j: about the message or address, not the transport', (fields, refused) => {
    const error = toMailDeliveryError(smtpError(fields));
    expect(error.transport).toBe(false);
    expect(error.refusedByServer).toBe(refused);
  });
});
