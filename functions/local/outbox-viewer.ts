import { readdir, readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { escapeHtml } from '../shared/html';
import { htmlPage } from './html';
import { LOCAL_TIME_ZONE } from '../shared/time-zone';
import { gallerySamples } from '../mail/templates/gallery';
import { galleryFiles, galleryIndexBody } from './gallery-page';

/**
 * Without SMTP_URL the mailer writes each message as an `.eml` file into the outbox folder. This
 * viewer lets a developer read those mails (and fetch their calendar invitations) in a browser:
 * `/outbox`, `/outbox/<file>`, `/outbox/<file>/raw` and `/outbox/<file>/invite.ics`; and the gallery of
 * every email kind in every language, `/outbox/emails` (what `npm run emails` writes).
 */
export interface OutboxViewerOptions {
  outboxDir: string;
  /** How many of the newest files the list shows; parsing thousands would make the page slow. */
  maxListed?: number;
}

export const outboxBasePath = '/outbox';

// Only plain file names: no slashes, so no way out of the folder.
const mailFileName = /^[\w.-]+\.eml$/;

const dateFormat = new Intl.DateTimeFormat('nl-BE', { timeZone: LOCAL_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });

/** The gallery of every email kind with sample data, in every language. */
const galleryPath = `${outboxBasePath}/emails`;

/** A gallery page or file, or undefined when the name is not one of them. */
function galleryResponse(file: string | undefined): { type: string; content: string } | undefined {
  const samples = gallerySamples();
  if (file === undefined)
    return { type: pageHeaders['content-type'], content: htmlPage('E-mails', galleryIndexBody(samples, `${galleryPath}/`)) };
  return samples.flatMap(galleryFiles).find((candidate) => candidate.file === file);
}

export function isOutboxPath(path: string): boolean {
  return path === outboxBasePath || path.startsWith(`${outboxBasePath}/`);
}

export interface CalendarPart {
  content: Buffer;
  method?: string;
}

/**
 * The invitation in a mail. mailparser lists a `text/calendar` alternative among the attachments
 * (without file name), just like a `.ics` attachment; nodemailer also adds an `application/ics`
 * copy. The text/calendar part wins, as mail clients prefer it too.
 */
export function findCalendarPart(mail: ParsedMail): CalendarPart | undefined {
  const parts = mail.attachments;
  const part =
    parts.find((a) => a.contentType.toLowerCase() === 'text/calendar') ??
    parts.find((a) => a.contentType.toLowerCase() === 'application/ics' || /\.ics$/i.test(a.filename ?? ''));
  if (!part) return undefined;
  const header = part.headers.get('content-type');
  const fromHeader =
    typeof header === 'object' && header && 'params' in header ? (header.params as Record<string, string>).method : undefined;
  const fromBody = /^METHOD:(.+)$/m.exec(part.content.toString('utf8'))?.[1];
  const method = (fromHeader ?? fromBody)?.trim().toUpperCase();
  // The method goes into a Content-Type header of the download: accept only a plain token.
  return { content: part.content, ...(method && /^[A-Z][A-Z-]*$/.test(method) ? { method } : {}) };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value])
    .flatMap((list) => list.value)
    .map((entry) => (entry.name && entry.address ? `${entry.name} <${entry.address}>` : (entry.address ?? entry.name)))
    .join(', ');
}

/** Links in the mail, so RSVP and calendar links can be followed straight from the viewer. */
function linksIn(mail: ParsedMail): string[] {
  const found = new Set<string>();
  const html = typeof mail.html === 'string' ? mail.html : '';
  for (const match of html.matchAll(/href\s*=\s*["']([^"']+)["']/gi)) found.add(match[1].replace(/&amp;/g, '&'));
  for (const match of (mail.text ?? '').matchAll(/https?:\/\/[^\s<>"')]+/g)) found.add(match[0]);
  return [...found].filter((link) => /^https?:\/\//i.test(link));
}

/** Links in the framed mail open in a new tab (the sandbox allows popups, nothing else). */
function withLinksInNewTabs(html: string): string {
  const base = '<base target="_blank">';
  // Inside <head> when there is one: before the doctype it would switch the page to quirks mode.
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + base) : base + html;
}

function send(res: ServerResponse, statusCode: number, headers: Record<string, string>, body: string | Buffer): void {
  res.writeHead(statusCode, {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...headers,
  });
  res.end(body);
}

// The mail's own HTML runs in a sandboxed frame without scripts; the policy keeps it from loading anything remote.
const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'",
};

function sendError(res: ServerResponse, statusCode: number, message: string): void {
  const body = htmlPage(message, `<h1>${escapeHtml(message)}</h1><p><a href="${outboxBasePath}">Terug naar de outbox</a></p>`);
  send(res, statusCode, pageHeaders, body);
}

interface ListedMail {
  file: string;
  date: Date;
  mail?: ParsedMail;
}

async function listMails(outboxDir: string, maxListed: number): Promise<ListedMail[]> {
  let names: string[];
  try {
    names = (await readdir(outboxDir)).filter((name) => mailFileName.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const withTimes = await Promise.all(names.map(async (file) => ({ file, mtime: (await stat(join(outboxDir, file))).mtime })));
  withTimes.sort((a, b) => b.mtime.getTime() - a.mtime.getTime());
  const listed = await Promise.all(
    withTimes.slice(0, maxListed).map(async ({ file, mtime }): Promise<ListedMail> => {
      try {
        const mail = await simpleParser(await readFile(join(outboxDir, file)));
        return { file, date: mail.date ?? mtime, mail };
      } catch {
        return { file, date: mtime };
      }
    }),
  );
  return listed.sort((a, b) => b.date.getTime() - a.date.getTime());
}

function listPage(mails: ListedMail[], outboxDir: string): string {
  const rows = mails.map(({ file, date, mail }) => {
    const href = `${outboxBasePath}/${encodeURIComponent(file)}`;
    if (!mail)
      return `<tr><td>${escapeHtml(dateFormat.format(date))}</td><td colspan="3"><a href="${href}">${escapeHtml(file)}</a> <span class="muted">(kan niet gelezen worden)</span></td></tr>`;
    const calendar = findCalendarPart(mail);
    return `<tr>
  <td>${escapeHtml(dateFormat.format(date))}</td>
  <td>${escapeHtml(addresses(mail.to))}</td>
  <td><a href="${href}">${escapeHtml(mail.subject || '(geen onderwerp)')}</a></td>
  <td>${calendar ? `<span class="tag">${escapeHtml(calendar.method ?? 'agenda')}</span>` : '<span class="muted">—</span>'}</td>
</tr>`;
  });
  const table = mails.length
    ? `<table><thead><tr><th>Datum</th><th>Aan</th><th>Onderwerp</th><th>Agenda</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`
    : '<p>Nog geen mails. Wat het systeem verstuurt, verschijnt hier.</p>';
  return htmlPage(
    'Outbox — Locon De Stek (lokaal)',
    `<h1>Outbox</h1>
<p><a href="${galleryPath}/">Alle soorten e-mails in beide talen (galerij)</a></p>
<p class="muted">Lokaal worden mails niet verstuurd (SMTP_URL is niet ingesteld) maar bewaard in <code>${escapeHtml(outboxDir)}</code>. Nieuwste eerst; ververs de pagina voor nieuwe mails.</p>
${table}`,
  );
}

function detailPage(file: string, mail: ParsedMail): string {
  const base = `${outboxBasePath}/${encodeURIComponent(file)}`;
  const calendar = findCalendarPart(mail);
  const row = (label: string, value: string) => (value ? `<tr><th>${label}</th><td>${escapeHtml(value)}</td></tr>` : '');
  const links = linksIn(mail);
  const html = typeof mail.html === 'string' ? mail.html : '';
  return htmlPage(
    mail.subject || file,
    `<p><a href="${outboxBasePath}">← Alle mails</a> · <a href="${base}/raw">Download .eml</a>${calendar ? ` · <a href="${base}/invite.ics">Download uitnodiging (.ics)</a>` : ''}</p>
<h1>${escapeHtml(mail.subject || '(geen onderwerp)')}</h1>
<table>
${row('Van', addresses(mail.from))}${row('Aan', addresses(mail.to))}${row('Cc', addresses(mail.cc))}${row('Bcc', addresses(mail.bcc))}${row('Antwoord aan', addresses(mail.replyTo))}
${row('Datum', mail.date ? dateFormat.format(mail.date) : '')}${row('Message-ID', mail.messageId ?? '')}${row('Agenda', calendar ? `ja, METHOD ${calendar.method ?? 'onbekend'}` : 'nee')}
</table>
${links.length ? `<h2>Links</h2><ul>${links.map((l) => `<li><a href="${escapeHtml(l)}" target="_blank" rel="noreferrer">${escapeHtml(l)}</a></li>`).join('')}</ul>` : ''}
<h2>Tekst</h2>
<pre>${escapeHtml(mail.text ?? '(geen tekstversie)')}</pre>
<h2>HTML</h2>
${html ? `<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(withLinksInNewTabs(html))}" title="HTML-versie van de mail"></iframe>` : '<p class="muted">(geen HTML-versie)</p>'}
${calendar ? `<h2>Uitnodiging</h2><pre>${escapeHtml(calendar.content.toString('utf8'))}</pre>` : ''}
${mail.attachments.length ? `<h2>Onderdelen</h2><ul>${mail.attachments.map((a) => `<li>${escapeHtml(a.filename ?? '(zonder naam)')} — ${escapeHtml(a.contentType)}, ${a.size} bytes</li>`).join('')}</ul>` : ''}
<details><summary>Alle headers</summary><pre>${escapeHtml(mail.headerLines.map((h) => h.line).join('\n'))}</pre></details>`,
  );
}

/** Serves `/outbox…` from the folder; every other path is the caller's business (see isOutboxPath). */
export function createOutboxViewer(options: OutboxViewerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const outboxDir = resolve(options.outboxDir);
  const maxListed = options.maxListed ?? 200;

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendError(res, 405, 'Methode niet toegestaan');
    }
    const path = (req.url ?? '/').split('?')[0];
    let segments: string[];
    try {
      segments = path.slice(outboxBasePath.length).split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return sendError(res, 400, 'Ongeldig adres');
    }
    if (segments.length === 0) return send(res, 200, pageHeaders, listPage(await listMails(outboxDir, maxListed), outboxDir));

    if (segments[0] === 'emails' && segments.length <= 2) {
      const found = galleryResponse(segments[1]);
      if (!found) return sendError(res, 404, 'Niet gevonden');
      return send(res, 200, { ...pageHeaders, 'content-type': found.type }, found.content);
    }
    const [file, action, ...rest] = segments;
    const fullPath = join(outboxDir, file);
    if (!mailFileName.test(file) || dirname(fullPath) !== outboxDir) return sendError(res, 400, 'Ongeldige bestandsnaam');
    if (rest.length > 0 || (action !== undefined && action !== 'raw' && action !== 'invite.ics'))
      return sendError(res, 404, 'Niet gevonden');

    let raw: Buffer;
    try {
      raw = await readFile(fullPath);
    } catch {
      return sendError(res, 404, 'Deze mail bestaat niet (meer)');
    }
    if (action === 'raw') {
      return send(res, 200, { 'content-type': 'message/rfc822', 'content-disposition': `attachment; filename="${file}"` }, raw);
    }
    const mail = await simpleParser(raw);
    if (action === 'invite.ics') {
      const calendar = findCalendarPart(mail);
      if (!calendar) return sendError(res, 404, 'Deze mail heeft geen uitnodiging');
      const type = `text/calendar; charset=utf-8${calendar.method ? `; method=${calendar.method}` : ''}`;
      return send(res, 200, { 'content-type': type, 'content-disposition': 'attachment; filename="invite.ics"' }, calendar.content);
    }
    return send(res, 200, pageHeaders, detailPage(file, mail));
  };

  return (req, res) => {
    route(req, res).catch(() => {
      // Only the kind of failure is shown; the mail may hold personal data.
      if (!res.headersSent) sendError(res, 500, 'De outbox kon niet gelezen worden');
      else res.destroy();
    });
  };
}
