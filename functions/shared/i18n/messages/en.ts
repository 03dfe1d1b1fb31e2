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
  'meeting.subject':
    '{kind, select, invitation {Invitation} update {Changed} cancellation {Cancelled} other {No longer invited}}: {title} on {when}',
  'meeting.intro.invitation': 'You are invited to {title}. You receive this email because {partner} is a partner of {network}.',
  'meeting.intro.update': '{title} has changed. The new details are below; the appointment in your calendar is updated as well.',
  'meeting.intro.cancellation': '{title} will not take place. You can remove the appointment from your calendar.',
  'meeting.intro.removal':
    '{partner} is no longer on the list of invitees for {title}. The meeting itself goes ahead; the appointment disappears from your own calendar.',
  'meeting.themes': 'Themes',
  'meeting.calendar.themes': 'Themes: {themes}',

  'review.subject':
    '{step, select, request {Consolidation review of {project}: how does it go on?} reminder1 {Reminder: consolidation review of {project}} reminder2 {Second reminder: consolidation review of {project}} copy {For your information: consolidation review of {project}} noAnswer {No answer: consolidation review of {project}} other {Promoter unreachable: consolidation review of {project}}}',
  'review.option.continue': 'carry on as now;',
  'review.option.transfer': 'hand it over to a third party (say to whom);',
  'review.option.spinOff': 'a new entity that takes over the activity and becomes a partner of the Locon itself (say what it is called);',
  'review.option.stop': 'stop.',
  'review.linkNote': 'The link opens a page where you make and confirm your choice; nothing changes until you press the button.',
  'review.whatItIs':
    'A consolidation review is a short question to the promoter: how can the project carry on in the long run, with or without the Locon? That way the network knows in time what the project needs, and what works keeps going.',
  'review.nextMeeting': 'Your answer goes on the agenda of the next meeting, which confirms the decision.',
  'review.request.intro':
    '{promoter} is the promoter of {project} in {network}. It is time to look at how the project can be consolidated. What fits best?',
  'review.reminder.intro': 'On {asked} we asked how {project} can be consolidated. We have not had an answer yet. What fits best?',
  'review.answerButton': 'Give your answer',
  'review.reminder2.warning': 'Without an answer, the coordinator takes the question to the next meeting.',
  'review.inCopy': 'In copy: {partners}.',
  'review.copy.intro': '{partner} is involved in {project}. We asked the promoter, {promoter}, how the project can be consolidated:',
  'review.copy.yourOrganisation': 'Your organisation',
  'review.copy.outro': 'The answer goes on the agenda of the next meeting. Feel free to think along with the promoter.',
  'review.unreachable.notArriving':
    'Our emails about the consolidation review of {project} do not reach {promoter}, the promoter: their email address is refused. So the question of {asked} has not reached them.',
  'review.unreachable.whatToDo':
    'Ask them yourself and enter their answer in the app, or correct their email address in the partner details.',
  'review.unreachable.reminders': 'The reminders then go to the new address.',
  'review.unreachable.lastReminder': 'The last reminder then goes to the new address.',
  'review.unreachable.agenda': 'Without an answer, the question goes on the agenda of the next meeting.',
  'review.noAnswer':
    '{promoter}, promoter of {project}, has not answered the question of {asked} for the consolidation review{unreachable, select, yes {: our emails did not arrive, because their email address is refused.} other {, not even after two reminders.}}',
  'review.agenda.planned': 'The question is now on the agenda of {meeting} on {when}.',
  'review.agenda.none': 'No next meeting is planned yet: the question goes on the agenda of the first meeting you plan.',

  'idea.subject': 'Your idea becomes a project: {idea}',
  'idea.voted':
    '{partner} voted in the matrix session "{question}" for the idea "{idea}" ({votes, plural, one {# vote} other {# votes}} in all). That idea is now a project proposal, with {promoter} as its promoter.',
  'idea.why': 'Why: {motivation}',
  'idea.engage':
    'Will you take part? Say in the app how many hours, euros or how much energy {partner} can put into the project. The next meeting discusses the proposal.',

  'inbound.stale.subject': 'Your answer was for an old time: {title}',
  'inbound.stale.intro':
    'You answered from your calendar to an older version of the invitation. The time has changed since, so that answer was not recorded.',
  'inbound.stale.question': 'Are you coming at the new time?',
  'inbound.forward.subject': '{prefix}: {subject}',
  'inbound.forward.prefix': 'Forwarded',
  'inbound.forward.noSubject': '(no subject)',
  'inbound.forward.arrived': 'This message arrived at the invitation address of {network}.',
  'inbound.forward.attached': 'The original message is attached to this email unchanged.',
  'inbound.forward.truncated': 'The original message was too large to send along; its header lines are attached to this email.',

  'page.switchTo': 'English',
  'page.notAllowed': 'Not allowed',
  'page.useTheLink': 'Use the link from your email.',
  'page.link.expired': 'This link has expired.',
  'page.link.invalid': 'This link is not valid.',
  'page.answer.savedOnClick': 'Your answer is only saved when you click a button.',
  'page.answer.chooseTitle': 'Choose an answer',
  'page.answer.choose': 'Choose “{yes}”, “{maybe}” or “{no}”.',
  'page.answer.closed': 'Answering is no longer possible',
  'page.answer.thanks': 'Thank you, your answer has been recorded',
  'page.answer.yours': 'Your answer: {answer}.',
  'page.answer.current': 'Your current answer: {answer}.',
  'page.rsvp.question': 'Are you coming to the meeting?',
  'page.rsvp.invalidLink': 'Ask {organisation} for a new invitation ({contactEmail}), or answer from your calendar.',
  'page.rsvp.notFoundTitle': 'Meeting not found',
  'page.rsvp.notFound': 'This meeting no longer exists.',
  'page.rsvp.cancelled': 'This meeting has been cancelled.',
  'page.rsvp.past': 'This meeting has already taken place.',
  'page.review.title': 'Consolidation review of a project',
  'page.review.question': 'How can {project} be consolidated?',
  'page.review.asked': 'Asked on {date}.',
  'page.review.current': 'Your current answer: {answer}. You can still change it until the meeting confirms it.',
  'page.review.outcome.CONTINUE': 'carry on as now',
  'page.review.outcome.TRANSFER_TO_THIRD_PARTY': 'hand it over to a third party',
  'page.review.outcome.SPIN_OFF_ENTITY': 'a new entity that becomes a partner of the Locon',
  'page.review.outcome.STOP': 'stop',
  'page.review.thirdParty': 'Who is it handed over to?',
  'page.review.spinOffName': 'Name of the new entity',
  'page.review.note': 'Explanation',
  'page.review.send': 'Send answer',
  'page.review.nextMeeting': 'Your answer goes on the agenda of the next meeting, which confirms the decision.',
  'page.review.chooseOne': 'Choose one of the options.',
  'page.review.notFoundTitle': 'Not found',
  'page.review.notFound': 'This consolidation review no longer exists.',
  'page.review.invalidLink': 'Use the link from the latest email about this consolidation review, or ask the coordinator for a new one.',
  'page.review.confirmLater': 'The next meeting confirms the decision.',
  'page.review.closedTitle': 'This consolidation review is closed',
  'page.review.closed': '{project}: the meeting has already decided, or the project is no longer running.',
  'page.buurtbabbel.question': 'Are you coming to the buurtbabbel?',
  'page.buurtbabbel.name': 'Buurtbabbel',
  'page.buurtbabbel.invalidLink': 'Ask {organisation} for a new invitation: {contactEmail}.',
  'page.buurtbabbel.notFoundTitle': 'Buurtbabbel not found',
  'page.buurtbabbel.notFound': 'This buurtbabbel no longer exists.',
  'page.buurtbabbel.cancelled': 'This buurtbabbel is not going ahead.',
  'page.buurtbabbel.started': 'This buurtbabbel has already started.',
  'page.buurtbabbel.status':
    '{status, select, ACCEPTED {I’m coming} WAITING {I’m coming (you are on the waiting list)} MAYBE {maybe} other {I’m not coming}}',
  'page.buurtbabbel.outcome':
    '{status, select, ACCEPTED {You are welcome! You will get a confirmation with the appointment for your calendar.} WAITING {The buurtbabbel is full: you are on the waiting list. If a place becomes free, we will email you straight away.} MAYBE {Noted: maybe. You can always change your answer with the links in the invitation.} other {A pity you cannot come. Thank you for letting us know.}}',
  'page.buurtbabbel.outcomeUnmailed':
    '{status, select, ACCEPTED {You are welcome! We no longer send you emails about buurtbabbels, so no confirmation either: please put the buurtbabbel in your calendar yourself.} other {The buurtbabbel is full: you are on the waiting list. We no longer send you emails about buurtbabbels: open the link in the invitation again later to see whether a place became free.}}',
  'page.buurtbabbel.outcomeHeld':
    '{status, select, ACCEPTED {You are welcome! You already got several emails about your answer today, so we are not sending a new confirmation now.} other {The buurtbabbel is full: you are on the waiting list. You already got several emails about your answer today, so we are not sending a new one now.}}',
  'page.unsubscribe.question': 'No more invitations to buurtbabbels?',
  'page.unsubscribe.explain': 'Click the button to unsubscribe. After that we will send you no more invitations.',
  'page.unsubscribe.button': 'Unsubscribe',
  'page.unsubscribe.done': 'You have been unsubscribed',
  'page.unsubscribe.already': 'You are already unsubscribed',
  'page.unsubscribe.optedOut':
    'You will no longer get invitations to buurtbabbels. Would you like to be invited again later? Let {organisation} know: {contactEmail}.',
  'page.unsubscribe.notFoundTitle': 'Not found',
  'page.unsubscribe.notFound': 'This address is not (or no longer) on our list.',
  'page.unsubscribe.byMail':
    'You can also unsubscribe without this link: send an email to {address} asking to be unsubscribed, and we will do it for you. Or use the unsubscribe link at the bottom of the latest invitation you got from us.',
  'page.error.notFound': 'Not found.',
  'page.error.internal': 'Something went wrong on our side. Please try again later.',
  'request.invalidJson': 'The request body is not valid JSON.',
  'request.tooLarge': 'The request is too large: at most {bytes, number} bytes.',
  'request.rateLimited': 'Too many requests in a short time. Please try again in a moment.',
  'request.limit':
    'The request is too large: {measure, select, depth {nested too deeply} aliases {too many aliases} directives {too many directives} tokens {too many tokens} other {too many fields and lists together}} (at most {limit, number}).',
  'request.badRequest': 'This is not a valid GraphQL request over HTTP. The details are in extensions.detail.',
  'request.invalidDateTime':
    '{field, select, none {Invalid date and time} other {Invalid date and time in {field}}}: use ISO 8601 with a time zone, e.g. 2026-12-03T19:30:00+01:00.',
  'request.invalidCursor': 'Invalid cursor: use the endCursor of a previous page.',
  'request.invalidPageSize': 'first must be a whole number from 1 to {max}.',
  'request.toBeforeFrom': 'to must be after from.',

  'import.refused.UNREADABLE_LINE': 'This line cannot be read: check the quotation marks.',
  'import.refused.WRONG_COLUMN_COUNT': 'This line has {found} columns instead of {expected}.',
  'import.refused.NO_EMAIL': 'No email address.',
  'import.refused.INVALID_CONSENT_BASIS': '"{value}" is not a basis of consent; write "consent" or "legitimate interest".',
  'import.refused.INVALID_CONSENT_DATE': '"{value}" is not a date; write for example 3/11/2026 or 2026-11-03.',
  'import.refused.INVALID_LANGUAGE': '"{value}" is not a language we know; write "nl" or "en" (or leave it empty for Dutch).',
  'import.refused.DUPLICATE_IN_FILE': 'This email address is already on line {line}.',

  'matrix.markdown.title': 'Matrix session: {question}',
  'matrix.markdown.summary':
    'Rows: {rows}. Columns: {columns}. {votes, plural, one {# vote} other {# votes}} per participant; {status, select, CLOSED {closed} other {still open}}.',
  'matrix.markdown.allIdeas': 'All ideas',
  'matrix.markdown.noIdeas': 'No ideas.',
  'matrix.markdown.idea': '{rank}. **{title}**{cell}: {votes, plural, one {# vote} other {# votes}}; contributions from {by}',

  'heatMap.title': 'Heat map',
  'heatMap.invalidLink': 'Open the session in the app again for a new link.',
  'heatMap.notFound': 'This matrix session no longer exists.',
  'heatMap.votes': '{votes, plural, one {# vote} other {# votes}}',
  'heatMap.ideas': '{ideas, plural, one {# idea} other {# ideas}}',

  'calendarFeed.onlyGet': 'This calendar link can only be read (GET).',
  'calendarFeed.notFound': 'This calendar link does not exist (any more).',
  'calendarFeed.expired': 'This calendar link has not been used for a year and no longer works. Make a new calendar link in the app.',
};
