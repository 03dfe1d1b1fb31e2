import type { AppServices } from '../app/create-app';
import { formatDutchDateTimeRange } from '../shared/dutch-dates';
import { escapeHtml } from '../shared/html';
import { isOpenForAnswers, type BuurtbabbelAnswer, type BuurtbabbelRecord, type GuestStatus } from '../modules/buurtbabbels/buurtbabbel';
import { answerForm, choiceButtons, htmlPage, noAnswerChosen, recordAnswer } from './html-page';
import { htmlResponse, type HttpRequest, type HttpResponse } from './http-types';
import { verifyLinkClaims } from './link-token';

const answers: { value: BuurtbabbelAnswer; label: string }[] = [
  { value: 'YES', label: 'Ik kom' },
  { value: 'MAYBE', label: 'Misschien' },
  { value: 'NO', label: 'Ik kom niet' },
];

const outcomeText: Record<GuestStatus, string> = {
  ACCEPTED: 'Je bent welkom! Je krijgt een bevestiging met de afspraak voor je agenda.',
  WAITING: 'De buurtbabbel is volzet: je staat op de wachtlijst. Komt er een plaats vrij, dan krijg je meteen een mail.',
  MAYBE: 'Genoteerd: misschien. Je kunt je antwoord altijd nog aanpassen met de links in de uitnodiging.',
  DECLINED: 'Jammer dat je niet kunt komen. Bedankt om het te laten weten.',
};

/** For a neighbour no mail reaches any more (opted out, or become a partner): promise no mail. */
const unmailedOutcomeText: Partial<Record<GuestStatus, string>> = {
  ACCEPTED:
    'Je bent welkom! We sturen je geen mails meer over buurtbabbels, dus ook geen bevestiging: zet de buurtbabbel zelf in je agenda.',
  WAITING:
    'De buurtbabbel is volzet: je staat op de wachtlijst. We sturen je geen mails meer over buurtbabbels: open de link in de uitnodiging later opnieuw om te zien of er een plaats vrijkwam.',
};

/** For a neighbour who had their limit of answer mails today (flapping, a replayed link): promise no new mail. */
const heldOutcomeText: Partial<Record<GuestStatus, string>> = {
  ACCEPTED: 'Je bent welkom! Je kreeg vandaag al enkele mails over je antwoord, dus we sturen nu geen nieuwe bevestiging.',
  WAITING:
    'De buurtbabbel is volzet: je staat op de wachtlijst. Je kreeg vandaag al enkele mails over je antwoord, dus we sturen nu geen nieuwe.',
};

/** The answer as a guest would say it, for "Je huidige antwoord". */
const statusLabel: Record<GuestStatus, string> = {
  ACCEPTED: 'ik kom',
  WAITING: 'ik kom (je staat op de wachtlijst)',
  MAYBE: 'misschien',
  DECLINED: 'ik kom niet',
};

function details(buurtbabbel: BuurtbabbelRecord): string {
  const when = formatDutchDateTimeRange(new Date(buurtbabbel.startsAt), new Date(buurtbabbel.endsAt));
  return `<p><strong>Buurtbabbel</strong><br>${escapeHtml(when)}<br>${escapeHtml(buurtbabbel.location)}</p>`;
}

/**
 * /buurtbabbel/answer: the page behind the answer links in a buurtbabbel invitation. GET shows the
 * buurtbabbel and the three answers and changes nothing (mail scanners open links); the POST of
 * that form records the answer. The link's token says which neighbour answers for which buurtbabbel.
 */
export function createBuurtbabbelAnswerRoute(services: AppServices) {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const verified = await verifyLinkClaims(services, request, 'buurtbabbel-answer', () =>
      escapeHtml(`Vraag een nieuwe uitnodiging aan ${services.config.names.organisation}: ${services.config.names.contactEmail}.`),
    );
    if ('response' in verified) return verified.response;
    const { claims, fields, token } = verified;

    if (request.method === 'POST') {
      const answer = fields.get('answer') ?? '';
      if (!answers.some((a) => a.value === answer)) return noAnswerChosen();
      const result = await recordAnswer(() =>
        services.buurtbabbels.answer(claims.buurtbabbelId, claims.neighbourId, answer as BuurtbabbelAnswer),
      );
      if ('response' in result) return result.response;
      const { buurtbabbel, status, unmailed, mailHeld } = result.recorded;
      services.logger.info('buurtbabbel answered by link', { buurtbabbelId: buurtbabbel.id, status, mailHeld: mailHeld ?? false });
      const text = (unmailed && unmailedOutcomeText[status]) || (mailHeld && heldOutcomeText[status]) || outcomeText[status];
      return htmlResponse(200, htmlPage('Bedankt, je antwoord is genoteerd', `${details(buurtbabbel)}<p>${escapeHtml(text)}</p>`));
    }

    const { buurtbabbel, guest } = await services.buurtbabbels.getForAnswerLink(claims.buurtbabbelId, claims.neighbourId);
    if (!buurtbabbel) return htmlResponse(404, htmlPage('Buurtbabbel niet gevonden', '<p>Deze buurtbabbel bestaat niet meer.</p>'));
    // Cancelled or already started: say so instead of offering buttons that can only fail.
    const closed = isOpenForAnswers(buurtbabbel, services.clock.now());
    if (closed) return htmlResponse(200, htmlPage(closed.message, details(buurtbabbel)));
    const current = guest?.status ? `<p>Je huidige antwoord: <strong>${escapeHtml(statusLabel[guest.status])}</strong>.</p>` : '';
    return htmlResponse(
      200,
      htmlPage(
        'Kom je naar de buurtbabbel?',
        `${details(buurtbabbel)}${current}${answerForm('answer', token, choiceButtons('answer', answers, fields.get('answer')))}`,
      ),
    );
  };
}
