import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The saved calendar replies of test/fixtures/itip, filled in for a test: `{{UID}}`, `{{SEQUENCE}}`
 * and the other placeholders are replaced; a part between `{{BASE64-BEGIN}}` and `{{BASE64-END}}`
 * is filled in and then base64-encoded, as the client sent it. Bytes are kept as they are (the
 * files are read as latin1), so a fixture in ISO-8859-1 stays ISO-8859-1. Lines end in CRLF, as
 * over SMTP.
 */
export interface ItipFixtureValues {
  uid: string;
  attendee: string;
  from?: string;
  fromName?: string;
  organizer?: string;
  sequence?: number;
  /** DTSTAMP, e.g. 20261201T091500Z. */
  dtstamp?: string;
  /** Size of the {{HUGE}} attachment in bytes before encoding. */
  hugeBytes?: number;
}

const fixtureDir = join(__dirname, '..', 'fixtures', 'itip');

export function itipFixture(name: string, values: ItipFixtureValues): Buffer {
  const nonce = randomBytes(6).toString('hex');
  const text = readFileSync(join(fixtureDir, name), 'latin1').replace(/\r?\n/g, '\n');
  const fill = (source: string) =>
    source
      .replace(/\{\{UID\}\}/g, values.uid)
      .replace(/\{\{ATTENDEE\}\}/g, values.attendee)
      .replace(/\{\{FROM\}\}/g, values.from ?? values.attendee)
      .replace(/\{\{FROM_NAME\}\}/g, values.fromName ?? 'Anna Peeters')
      .replace(/\{\{ORGANIZER\}\}/g, values.organizer ?? 'overleg@destek.test')
      .replace(/\{\{SEQUENCE\}\}/g, String(values.sequence ?? 0))
      .replace(/\{\{DTSTAMP\}\}/g, values.dtstamp ?? '20261201T090000Z')
      .replace(/\{\{NONCE\}\}/g, nonce)
      .replace(/\{\{HUGE\}\}/g, () => lines(randomBytes(values.hugeBytes ?? 3 * 1024 * 1024).toString('base64')));
  const filled = fill(text).replace(/\{\{BASE64-BEGIN\}\}\n([\s\S]*?)\{\{BASE64-END\}\}\n/g, (_, part: string) =>
    lines(Buffer.from(part.replace(/\n/g, '\r\n'), 'latin1').toString('base64')),
  );
  return Buffer.from(filled.replace(/\n/g, '\r\n'), 'latin1');
}

function lines(base64: string): string {
  return (base64.match(/.{1,76}/g) ?? []).join('\n') + '\n';
}
