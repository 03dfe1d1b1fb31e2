import { messageIn } from '../shared/i18n/refusals';
import { escapeHtml } from '../shared/html';
import { UserInputError } from '../shared/errors';
import { defaultLanguage, fromAcceptLanguage, languages, localeOf, parseLanguage, type Language } from '../shared/i18n/language';
import { deStekNames, type NetworkNames } from '../shared/i18n/network-names';
import { textsFor, type Translate } from '../shared/i18n/translate';
import { htmlResponse, type HttpRequest, type HttpResponse } from './http-types';

/**
 * The language and names a page is written in, and where its language switch points. A page's
 * language is, first, the one its switch asked for (`?lang=en`, or the form field of a POST that
 * came from a switched page), then the link's person's (the `lang` in the link's token), then the
 * browser's Accept-Language, else Dutch.
 */
export interface PageContext {
  language: Language;
  names: NetworkNames;
  tr: Translate;
  /** The same page in the other language(s): the current query with only `lang` changed (GET only). */
  switches: { language: Language; href: string }[];
}

export function pageContext(
  request: HttpRequest,
  options: { names?: NetworkNames; personLanguage?: string; fields?: URLSearchParams } = {},
): PageContext {
  const query = new URLSearchParams(request.rawQuery);
  const language =
    parseLanguage(query.get('lang')) ??
    parseLanguage(options.fields?.get('lang')) ??
    parseLanguage(options.personLanguage) ??
    fromAcceptLanguage(request.headers['accept-language']) ??
    defaultLanguage;
  const names = options.names ?? deStekNames;
  const switches =
    request.method === 'GET'
      ? languages
          .filter((other) => other !== language)
          .map((other) => {
            const switched = new URLSearchParams(query);
            switched.set('lang', other);
            return { language: other, href: `?${switched.toString()}` };
          })
      : [];
  return { language, names, tr: textsFor(language, names), switches };
}

/** Dutch with today's names: pages that do not (yet) know their reader. */
const dutchPage = (): PageContext => ({ language: 'nl', names: deStekNames, tr: textsFor('nl'), switches: [] });

/** A plain, readable page for people who arrive from a link in an email, in their language, with a language switch. */
export function htmlPage(title: string, bodyHtml: string, page: PageContext = dutchPage()): string {
  const network = escapeHtml(page.names.network);
  const switchLinks = page.switches
    .map(
      ({ language, href }) =>
        `<a href="${escapeHtml(href)}" hreflang="${language}" lang="${language}">${escapeHtml(textsFor(language)('page.switchTo'))}</a>`,
    )
    .join(' · ');
  return `<!doctype html>
<html lang="${localeOf[page.language]}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${network}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; overflow-wrap: anywhere">
<p style="display:flex; justify-content:space-between; gap:1rem"><span style="color:#2f6b3a; font-weight: 600">${network}</span>${switchLinks ? `<span style="font-size:.9rem">${switchLinks}</span>` : ''}</p>
<h1 style="font-size: 1.4rem">${escapeHtml(title)}</h1>
${bodyHtml}
</body></html>`;
}

/** Submit buttons that send `name=<value>`; the one the link chose stands out. */
export function choiceButtons(name: string, choices: { value: string; label: string }[], chosen?: string | null): string {
  return choices
    .map(({ value, label }) => {
      const style = value === chosen ? 'background:#2f6b3a;color:#fff;border:0' : 'background:#fff;color:#2f6b3a;border:1px solid #2f6b3a';
      return `<button type="submit" name="${escapeHtml(name)}" value="${escapeHtml(value)}" style="${style};padding:.6rem 1rem;margin:.2rem;border-radius:.3rem;font-size:1rem;font-family:inherit">${escapeHtml(label)}</button>`;
    })
    .join('');
}

/**
 * The form of an answer page (meeting, buurtbabbel): one submit button per answer, posting back to
 * `action` with the link's token. The GET that shows it saves nothing.
 */
export function answerForm(action: string, token: string, buttons: string, page: PageContext = dutchPage()): string {
  return `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="token" value="${escapeHtml(token)}"><input type="hidden" name="lang" value="${page.language}">${buttons}</form>
<p style="color:#666;font-size:.9rem">${escapeHtml(page.tr('page.answer.savedOnClick'))}</p>`;
}

/** The three answers of an answer page (meeting, buurtbabbel), as the buttons in the email name them. */
export function answerChoices<V extends string>(values: { yes: V; maybe: V; no: V }, page: PageContext): { value: V; label: string }[] {
  return [
    { value: values.yes, label: page.tr('mail.answer.yes') },
    { value: values.maybe, label: page.tr('mail.answer.maybe') },
    { value: values.no, label: page.tr('mail.answer.no') },
  ];
}

/** A POST without one of the offered answers. */
export const noAnswerChosen = (page: PageContext = dutchPage()): HttpResponse =>
  htmlResponse(
    400,
    htmlPage(
      page.tr('page.answer.chooseTitle'),
      `<p>${escapeHtml(page.tr('page.answer.choose', { yes: page.tr('mail.answer.yes'), maybe: page.tr('mail.answer.maybe'), no: page.tr('mail.answer.no') }))}</p>`,
      page,
    ),
  );

/**
 * Records an answer from a link page; when the service refuses it (gone: 404, cancelled or
 * started: 409) the page says why. Any other error propagates.
 */
export async function recordAnswer<T>(
  record: () => Promise<T>,
  page: PageContext = dutchPage(),
): Promise<{ recorded: T } | { response: HttpResponse }> {
  try {
    return { recorded: await record() };
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    return { response: answerRefused(error, page) };
  }
}

/** What the service refused, in the page's language (the English text of each refusal's code). */
export function refusalText(error: UserInputError, page: PageContext): string {
  return error.userErrors.map((entry) => messageIn(page.language, entry.code, entry.message)).join(' ');
}

/** The page for an answer the service refused: 404 when its subject is gone, else 409 (cancelled, started, closed). */
export function answerRefused(error: UserInputError, page: PageContext = dutchPage()): HttpResponse {
  const status = error.userErrors[0]?.code === 'NOT_FOUND' ? 404 : 409;
  return htmlResponse(status, htmlPage(page.tr('page.answer.closed'), `<p>${escapeHtml(refusalText(error, page))}</p>`, page));
}
