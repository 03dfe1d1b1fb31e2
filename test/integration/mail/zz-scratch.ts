import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { startSilentServer } from './support/smtp-test-server';
import { meetingMail } from './support/meeting-mail';
(async () => {
  const s = await startSilentServer();
  const t = Date.now();
  try { await createSmtpMailer(`smtp://127.0.0.1:${s.port}`, { greetingMs: 300 }).send(meetingMail('invitation', 0)); } catch (e) { console.log(Date.now() - t, e, (e as any).cause); }
  await s.close();
})();
