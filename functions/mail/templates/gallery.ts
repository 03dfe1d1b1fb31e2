import { languages, type Language } from '../../shared/i18n/language';
import { deStekNames, type NetworkNames } from '../../shared/i18n/network-names';
import { renderBuurtbabbelMessage, type BuurtbabbelMessageInput } from './buurtbabbel-message';
import type { BuurtbabbelEmailKind } from './buurtbabbel-email';
import { renderIdeaPromotedEmail } from './idea-promoted-email';
import { meetingCalendarDescription, renderMeetingEmail } from './meeting-email';
import { renderForward, renderStaleReplyNote } from './inbound-mail-email';
import { buildMeetingInvitationIcs, calendarProdId } from '../calendar/meeting-calendar';
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
  /** A meeting theme and a second partner (in copy of a review); the reason stands in when left out. */
  theme?: string;
  otherPartner?: string;
  /** The project of the consolidation-review samples; the meeting's title stands in when left out. */
  project?: string;
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
  project: 'Repair café Sint-Pieters',
  theme: 'Samen leveren in de buurt',
  otherPartner: 'Fietsatelier Gent',
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
  const meetingLinks = { accept: answer('ACCEPTED'), tentative: answer('TENTATIVE'), decline: answer('DECLINED') };
  const organizer = { name: data.names.network, email: 'overleg@destek.example' };
  const idea = data.idea ?? { question: data.place, title: data.title, motivation: data.reason };
  // The meeting every meeting-mail sample is about, as its recipient reads it.
  const meetingSample = {
    names: data.names,
    recipientName: data.person,
    partnerName: data.business,
    title: data.title,
    startsAt: start,
    endsAt: end,
    location: data.place,
  };
  for (const language of languages) {
    for (const kind of ['invitation', 'update', 'cancellation', 'removal'] as const) {
      const method = kind === 'cancellation' || kind === 'removal' ? 'CANCEL' : 'REQUEST';
      const email = renderMeetingEmail({
        kind,
        language,
        ...meetingSample,
        themes: [data.theme ?? data.reason],
        cancelReason: data.reason,
        answerLinks: meetingLinks,
      });
      const calendar = buildMeetingInvitationIcs({
        method,
        stamp: start,
        prodId: calendarProdId(data.names),
        event: {
          uid: 'meeting-sample@destek.example',
          sequence: kind === 'invitation' ? 0 : 1,
          title: data.title,
          description: meetingCalendarDescription([data.theme ?? data.reason], language),
          location: data.place,
          startsAt: start,
          endsAt: end,
          status: kind === 'cancellation' ? 'CANCELLED' : 'CONFIRMED',
          organizer,
          attendees: [{ email: 'lotte@example.be', name: data.person, partstat: 'NEEDS-ACTION' }],
        },
      });
      samples.push({
        name: `meeting-${kind}.${language}`,
        language,
        email: { ...email, calendar: { content: calendar } },
        facts: [
          data.person,
          data.title,
          data.place,
          ...(kind === 'removal' ? [] : [data.theme ?? data.reason]),
          ...(kind === 'cancellation' ? [data.reason] : []),
          ...(kind === 'invitation' || kind === 'removal' ? [data.business] : []),
        ],
        links: kind === 'cancellation' || kind === 'removal' ? [] : Object.values(meetingLinks),
      });
    }
    const reviewCases = [
      ['request', 'promoter'],
      ['reminder1', 'promoter'],
      ['reminder2', 'promoter'],
      ['request', 'copy'],
      ['request', 'coordinator'],
      ['coordinator', 'coordinator'],
    ] as const;
    const project = data.project ?? data.title;
    for (const [step, role] of reviewCases) {
      const link = role === 'promoter' ? answer('REVIEW') : undefined;
      samples.push({
        name: `review-${role === 'promoter' ? step : role === 'copy' ? 'copy' : step === 'coordinator' ? 'no-answer' : 'unreachable'}.${language}`,
        language,
        email: renderReviewEmail({
          step,
          role,
          language,
          names: data.names,
          recipientName: data.person,
          partnerName: data.business,
          projectName: project,
          promoterName: data.business,
          copyPartnerNames: [data.otherPartner ?? data.reason],
          requestedAt: start,
          answerLink: link,
          agendaMeeting: { title: data.title, startsAt: end },
          promoterUnreachable: role === 'coordinator' && step !== 'coordinator',
        }),
        facts: [
          ...(role === 'coordinator' ? [] : [data.person]),
          project,
          ...(step === 'request' || role === 'coordinator' ? [data.business] : []),
          ...(step === 'request' && role === 'promoter' ? [data.otherPartner ?? data.reason] : []),
        ],
        links: link ? [link] : [],
      });
    }
    samples.push({
      name: `idea-promoted.${language}`,
      language,
      email: renderIdeaPromotedEmail({
        language,
        names: data.names,
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
    samples.push({
      name: `stale-reply-note.${language}`,
      language,
      email: renderStaleReplyNote({
        language,
        names: data.names,
        recipientName: data.person,
        title: data.title,
        startsAt: start,
        endsAt: end,
        location: data.place,
        answerLinks,
      }),
      facts: [data.person, data.title, data.place],
      links: Object.values(answerLinks),
    });
    for (const kind of ['agenda', 'day'] as const) {
      samples.push({
        name: `meeting-reminder-${kind}.${language}`,
        language,
        email: renderMeetingReminderEmail({
          kind,
          language,
          ...meetingSample,
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
  // The forward goes to the coordinator, the network's own mailbox: Dutch only.
  samples.push({
    name: 'forward.nl',
    language: 'nl',
    email: renderForward({
      originalSubject: data.title,
      why: data.reason,
      facts: [['Van', data.person]],
      names: data.names,
    }),
    facts: [data.reason, data.person],
    links: [],
  });
  return samples;
}
