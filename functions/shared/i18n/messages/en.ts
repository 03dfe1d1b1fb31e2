import type { Catalogue } from '../catalogues';

/** English texts, in ICU MessageFormat; the same keys as the Dutch catalogue (nl.ts). */
export const en: Catalogue = {
  'mail.greeting': 'Dear {name},',
  'mail.greetingNoName': 'Hello,',
  'mail.signature': '{organisation}, for {network}',
  'mail.kindRegards': 'Kind regards,',
  'mail.seeYou': 'See you then!',
  'mail.reason': 'Reason',
  'mail.what': 'What',
  'mail.when': 'When',
  'mail.where': 'Where',
  'mail.answer.yes': 'I’m coming',
  'mail.answer.maybe': 'Maybe',
  'mail.answer.no': 'I’m not coming',
  'mail.answer.note': 'Each link opens a page where you confirm your answer.',
  'mail.answer.question': 'Will you let us know whether you are coming?',
  'mail.answer.change': 'Has something changed? Choose your new answer:',

  'buurtbabbel.subject':
    '{kind, select, invitation {Invitation} reminder {Reminder} accepted {Your place is confirmed} waiting {Waiting list} promoted {A place has opened up} other {Cancelled}}: neighbourhood chat on {when}',
  'buurtbabbel.host': 'We are the guests of {host}.',
  'buurtbabbel.intro.invitation':
    '{network} invites the entrepreneurs around the {neighbourhood} to a buurtbabbel, a neighbourhood chat: a relaxed moment to get to know each other, have a drink and share ideas.',
  'buurtbabbel.whoWeAre':
    '{network} is a local network of entrepreneurs, associations and volunteers who start projects together in the neighbourhood. {organisation} is the non-profit that coordinates the network and sends these invitations.',
  'buurtbabbel.addressOrigin':
    'You receive this invitation because {business} is a business in the neighbourhood. Your email address is on the list of neighbourhood businesses that {organisation} keeps to invite neighbours; to know how it got there, write to {contactEmail}.',
  'buurtbabbel.addressOriginKnown':
    'You receive this invitation because {business} is a business in the neighbourhood. This is how your email address came onto our list of neighbourhood businesses: {source}.',
  'buurtbabbel.intro.reminder': 'In two days it is time for the neighbourhood chat. We are glad you are coming!',
  'buurtbabbel.intro.accepted':
    'Thank you for your answer: you are welcome at the neighbourhood chat. The appointment is attached, so you can add it to your calendar.',
  'buurtbabbel.intro.waiting':
    'Thank you for your answer. The neighbourhood chat is full by now; you are on the waiting list. If a place opens up, we will let you know straight away.',
  'buurtbabbel.intro.promoted':
    'Good news: a place has opened up at the neighbourhood chat, and it is yours. The appointment is attached, so you can add it to your calendar.',
  'buurtbabbel.intro.cancellation':
    'Unfortunately the neighbourhood chat will not take place. You can remove the appointment from your calendar.',
  'buurtbabbel.footer':
    'You receive this email because {business} is a business in the neighbourhood. No longer want invitations to neighbourhood chats? Unsubscribe:',
  'buurtbabbel.unsubscribe': 'No more invitations',
  'buurtbabbel.questions': 'Questions? Write to {contactEmail}.',
  'buurtbabbel.calendar.title': 'Neighbourhood chat {network}',
  'buurtbabbel.calendar.host': 'Hosted by {host}.',

  'minutes.subject': 'Minutes: {title} of {when}',
  'minutes.intro': 'Here are the minutes of the {network} meeting.',
  'minutes.present': 'Present',
  'minutes.absent': 'Absent',
  'minutes.guests': 'Guests',
  'minutes.nobody': 'nobody',
  'minutes.agenda': 'Agenda and decisions',
  'minutes.kind': '{kind, select, THEME {theme} TOPIC {open space} other {project}}',
  'minutes.decided': 'Decided',
  'minutes.projects': 'Decisions about projects',
  'minutes.notes': 'Notes',
  'minutes.next': 'Next meeting',
  'minutes.noNext': 'The date of the next meeting has not been agreed yet.',
  'minutes.questions': 'Anything wrong in these minutes? Write to {contactEmail}.',
  'meetingReminder.subject': '{kind, select, agenda {The agenda for {title} on {when}} other {Today at {time}: {title}}}',
  'meetingReminder.intro.agenda':
    'In {days, plural, one {# day} other {# days}} we meet again for the {network} meeting. Below is the agenda, so you can prepare at your ease. The appointment is attached once more, for your calendar.',
  'meetingReminder.intro.day': 'Today is the day: the {network} meeting. We look forward to seeing you!',
  'meetingReminder.intro.dayNoAnswer':
    'Today is the {network} meeting. We have not had your answer yet: would you let us know whether you are coming?',
  'meetingReminder.agenda': 'Agenda',
  'meetingReminder.agenda.empty': 'There is nothing on the agenda yet. Feel free to bring your own questions and ideas.',
  'meetingReminder.agenda.kind': '{kind, select, THEME {Theme} TOPIC {Open space} other {Project}}',
  'meetingReminder.agenda.minutes': '{minutes} min',
  'meetingReminder.agenda.proposedBy': 'proposed by {partner}',
  'meetingReminder.forPartner': 'You receive this email as a representative of {partner}.',
  'coordinatorReminder.subject':
    '{kind, select, nextDate {No next date yet after {title} on {date}} other {No minutes yet for {title} on {date}}}',
  'coordinatorReminder.intro.minutes':
    'The meeting {title} on {date} was {days} days ago, but its outcome has not been recorded yet. Would you fill it in: who came, what was decided and when you meet again? All partners then receive the minutes.',
  'coordinatorReminder.intro.nextDate':
    'No next meeting was agreed at the meeting {title} on {date}. Will you set a new date? Add it to the outcome of this meeting; the partners then get their invitation straight away.',
  'coordinatorReminder.footer': '{network} sends this reminder by itself; it stops once things are in order.',
};
