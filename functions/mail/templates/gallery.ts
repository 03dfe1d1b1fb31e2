import { languages, type Language } from '../../shared/i18n/language';
import { deStekNames, type NetworkNames } from '../../shared/i18n/network-names';
import { renderBuurtbabbelMessage, type BuurtbabbelMessageInput } from './buurtbabbel-message';
import type { BuurtbabbelEmailKind } from './buurtbabbel-email';
import { renderIdeaPromotedEmail } from './idea-promoted-email';
import { renderMeetingEmail } from './meeting-email';
import { renderCoordinatorReminderEmail, renderMeetingReminderEmail } from './meeting-reminder-email';
import { renderReviewEmail } from './review-email';
import type { RenderedEmail } from '../rendered-email';

/** Every email kind rendered with sample data, per language: the gallery (`npm run emails`) and its test. */

export interface GallerySample {
  /** File name stem, e.g. `buurtbabbel-invitation.en`. */
  name: string;
  language: Language;
  email: RenderedEmail & { calendar?: { content: string } };
  /** The values and links the sample was given: both parts must carry each of them. */
  facts: string[];
  links: string[];
}

/** What the samples are filled with; the test passes hostile values. */
export interface GalleryData {
  person: string;
  business: string;
  place: string;
  title: string;
  reason: string;
  link: string;
  names: NetworkNames;
  /** The matrix idea of the idea-promoted sample; the other fields stand in when left out. */
  idea?: { question: string; title: string; motivation: string };
}

export const friendlyData: GalleryData = {
  person: 'Lotte Claes',
  business: 'Kapsalon Lotte',
  place: 'Sint-Pietersaalststraat 12, 9000 Gent',
  title: 'Overleg Locon De Stek',
  reason: 'De zaal is niet vrij',
  link: 'https://destek.example/a',
  names: deStekNames,
  idea: {
    question: 'Wat kunnen we samen starten in de Sint-Pietersaalststraat?',
    title: 'Een gedeelde bakfiets voor leveringen in de buurt',
    motivation: 'Vijf zaken leveren elk apart met de auto; samen besparen we tijd en ruimte.',
  },
};

const start = new Date('2026-12-03T18:30:00Z');
const end = new Date('2026-12-03T20:30:00Z');
const buurtbabbelKinds: BuurtbabbelEmailKind[] = ['invitation', 'reminder', 'accepted', 'waiting', 'promoted', 'cancellation'];

export function gallerySamples(data: GalleryData = friendlyData): GallerySample[] {
  const answer = (value: string) => `${data.link}?token=t&answer=${value}`;
  const answerLinks = { yes: answer('YES'), maybe: answer('MAYBE'), no: answer('NO') };
  const unsubscribeLink = `${data.link}/unsubscribe?token=u`;
  const samples: GallerySample[] = [];
  for (const language of languages) {
    for (const kind of buurtbabbelKinds) {
      const input: BuurtbabbelMessageInput = {
        kind,
        language,
        names: data.names,
        recipientName: data.person,
        businessName: data.business,
        startsAt: start,
        endsAt: end,
        location: data.place,
        hostName: data.business,
        cancelReason: data.reason,
        answerLinks,
        unsubscribeLink,
        uid: 'buurtbabbel-sample@destek.example',
        sequence: 1,
        organizer: { name: data.names.network, email: 'overleg@destek.example' },
        unsubscribeMailto: 'mailto:overleg@destek.example?subject=uitschrijven',
        stamp: start,
      };
      const hasAnswers = kind !== 'waiting' && kind !== 'cancellation';
      samples.push({
        name: `buurtbabbel-${kind}.${language}`,
        language,
        email: renderBuurtbabbelMessage(input),
        facts: [data.person, data.business, data.place, ...(kind === 'cancellation' ? [data.reason] : []), data.names.contactEmail],
        links: [unsubscribeLink, ...(hasAnswers ? Object.values(answerLinks) : [])],
      });
    }
  }
  // Not yet translated: Dutch only, with today's names.
  const meetingLinks = { accept: answer('ACCEPTED'), tentative: answer('TENTATIVE'), decline: answer('DECLINED') };
  for (const kind of ['invitation', 'update', 'cancellation'] as const) {
    samples.push({
      name: `meeting-${kind}.nl`,
      language: 'nl',
      email: renderMeetingEmail({
        kind,
        recipientName: data.person,
        partnerName: data.business,
        title: data.title,
        startsAt: start,
        endsAt: end,
        location: data.place,
        themes: [data.reason],
        cancelReason: data.reason,
        answerLinks: meetingLinks,
      }),
      facts: [data.person, data.title, data.place, data.reason, ...(kind === 'invitation' ? [data.business] : [])],
      links: kind === 'cancellation' ? [] : Object.values(meetingLinks),
    });
  }
  samples.push({
    name: 'review-request.nl',
    language: 'nl',
    email: renderReviewEmail({
      step: 'request',
      role: 'promoter',
      recipientName: data.person,
      projectName: data.title,
      promoterName: data.business,
      copyPartnerNames: [data.reason],
      requestedAt: start,
      answerLink: answer('REVIEW'),
    }),
    facts: [data.person, data.title, data.business, data.reason],
    links: [answer('REVIEW')],
  });
  for (const language of languages) {
    for (const kind of ['agenda', 'day'] as const) {
      samples.push({
        name: `meeting-reminder-${kind}.${language}`,
        language,
        email: renderMeetingReminderEmail({
          kind,
          language,
          names: data.names,
          recipientName: data.person,
          partnerName: data.business,
          title: data.title,
          startsAt: start,
          endsAt: end,
          location: data.place,
          agenda: [
            { title: data.title, kind: 'THEME' },
            { title: data.reason, kind: 'TOPIC', durationMinutes: 20, proposedBy: data.business, description: data.place },
          ],
          daysBefore: 3,
          answered: kind === 'agenda',
          answerLinks,
        }),
        facts: [data.person, data.title, data.place, data.business, ...(kind === 'agenda' ? [data.reason] : [])],
        links: Object.values(answerLinks),
      });
    }
    for (const kind of ['minutes', 'nextDate'] as const) {
      samples.push({
        name: `meeting-coordinator-${kind}.${language}`,
        language,
        email: renderCoordinatorReminderEmail({
          kind,
          daysSince: 3,
          language,
          names: data.names,
          recipientName: data.person,
          title: data.title,
          startsAt: start,
        }),
        facts: [data.person, data.title],
        links: [],
      });
    }
  }
  const idea = data.idea ?? { question: data.place, title: data.title, motivation: data.reason };
  samples.push({
    name: 'idea-promoted.nl',
    language: 'nl',
    email: renderIdeaPromotedEmail({
      recipientName: data.person,
      partnerName: data.business,
      ideaTitle: idea.title,
      question: idea.question,
      promoterName: data.person,
      motivation: idea.motivation,
      votes: 3,
    }),
    facts: [data.person, data.business, idea.title, idea.question, idea.motivation],
    links: [],
  });
  return samples;
}
