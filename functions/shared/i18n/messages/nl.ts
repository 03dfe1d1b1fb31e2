/**
 * Dutch texts (the reference catalogue), in ICU MessageFormat. Every message may use the network's
 * names: {network}, {organisation}, {neighbourhood}, {contactEmail}. Keys: <where>.<what>.
 */
export const nl = {
  'mail.greeting': 'Dag {name},',
  'mail.greetingNoName': 'Dag,',
  'mail.signature': '{organisation}, voor {network}',
  'mail.kindRegards': 'Met vriendelijke groet,',
  'mail.seeYou': 'Tot dan!',
  'mail.reason': 'Reden',
  'mail.what': 'Wat',
  'mail.when': 'Wanneer',
  'mail.where': 'Waar',
  'mail.answer.yes': 'Ik kom',
  'mail.answer.maybe': 'Misschien',
  'mail.answer.no': 'Ik kom niet',
  'mail.answer.note': 'Elke link opent een pagina waar je je antwoord nog bevestigt.',
  'mail.answer.question': 'Laat je weten of je komt?',
  'mail.answer.change': 'Verandert er iets? Kies je nieuwe antwoord:',

  'buurtbabbel.subject':
    '{kind, select, invitation {Uitnodiging} reminder {Herinnering} accepted {Je plaats is bevestigd} waiting {Wachtlijst} promoted {Er is een plaats vrij} other {Geannuleerd}}: buurtbabbel op {when}',
  'buurtbabbel.host': 'We zijn te gast bij {host}.',
  'buurtbabbel.intro.invitation':
    '{network} nodigt de ondernemers rond de {neighbourhood} uit voor een buurtbabbel: een ongedwongen moment om elkaar te leren kennen, een drankje te doen en ideeën uit te wisselen.',
  'buurtbabbel.whoWeAre':
    '{network} is een lokaal netwerk van ondernemers, verenigingen en vrijwilligers die samen projecten opzetten in de buurt. {organisation} is de vzw die het netwerk coördineert en deze uitnodigingen verstuurt.',
  'buurtbabbel.addressOrigin':
    'Je krijgt deze uitnodiging omdat {business} een onderneming in de buurt is. Jullie e-mailadres staat in de lijst van buurtondernemingen die {organisation} bijhoudt om buren uit te nodigen; wil je weten hoe het daar kwam, mail dan naar {contactEmail}.',
  'buurtbabbel.addressOriginKnown':
    'Je krijgt deze uitnodiging omdat {business} een onderneming in de buurt is. Zo kwam jullie e-mailadres in onze lijst van buurtondernemingen: {source}.',
  'buurtbabbel.intro.reminder': 'Over twee dagen is het zover: de buurtbabbel. Fijn dat je erbij bent!',
  'buurtbabbel.intro.accepted':
    'Bedankt voor je antwoord: je bent welkom op de buurtbabbel. De afspraak zit in de bijlage, zodat je ze in je agenda kunt zetten.',
  'buurtbabbel.intro.waiting':
    'Bedankt voor je antwoord. De buurtbabbel is intussen volzet; je staat op de wachtlijst. Komt er een plaats vrij, dan laten we het je meteen weten.',
  'buurtbabbel.intro.promoted':
    'Goed nieuws: er is een plaats vrijgekomen op de buurtbabbel, en die is voor jou. De afspraak zit in de bijlage, zodat je ze in je agenda kunt zetten.',
  'buurtbabbel.intro.cancellation': 'De buurtbabbel gaat helaas niet door. Je kunt de afspraak uit je agenda halen.',
  'buurtbabbel.footer':
    'Je krijgt deze mail omdat {business} een onderneming in de buurt is. Wil je geen uitnodigingen voor buurtbabbels meer krijgen? Meld je af:',
  'buurtbabbel.unsubscribe': 'Geen uitnodigingen meer',
  'buurtbabbel.questions': 'Vragen? Mail naar {contactEmail}.',
  'buurtbabbel.calendar.title': 'Buurtbabbel {network}',
  'buurtbabbel.calendar.host': 'Te gast bij {host}.',

  'minutes.subject': 'Verslag: {title} van {when}',
  'minutes.intro': 'Hier is het verslag van het overleg van {network}.',
  'minutes.present': 'Aanwezig',
  'minutes.absent': 'Afwezig',
  'minutes.guests': 'Gasten',
  'minutes.nobody': 'niemand',
  'minutes.agenda': 'Agenda en beslissingen',
  'minutes.kind': '{kind, select, THEME {thema} TOPIC {open ruimte} other {project}}',
  'minutes.decided': 'Beslist',
  'minutes.projects': 'Beslissingen over projecten',
  'minutes.notes': 'Verslag',
  'minutes.next': 'Volgend overleg',
  'minutes.noNext': 'De datum van het volgende overleg is nog niet afgesproken.',
  'minutes.questions': 'Klopt er iets niet in dit verslag? Mail naar {contactEmail}.',
  'meetingReminder.subject': '{kind, select, agenda {De agenda voor {title} van {when}} other {Vandaag om {time}: {title}}}',
  'meetingReminder.intro.agenda':
    'Binnen {days, plural, one {# dag} other {# dagen}} komen we weer samen voor het overleg van {network}. Hieronder vind je de agenda, zodat je je op je gemak kunt voorbereiden. De afspraak zit er nog eens bij, voor je agenda.',
  'meetingReminder.intro.day': 'Vandaag is het zover: het overleg van {network}. We kijken ernaar uit je te zien!',
  'meetingReminder.intro.dayNoAnswer':
    'Vandaag is het overleg van {network}. We kregen nog geen antwoord van je: laat je nog even weten of je erbij bent?',
  'meetingReminder.agenda': 'Agenda',
  'meetingReminder.agenda.empty': 'Er staan nog geen punten op de agenda. Breng gerust je eigen vragen en ideeën mee.',
  'meetingReminder.agenda.kind': '{kind, select, THEME {Thema} TOPIC {Open ruimte} other {Project}}',
  'meetingReminder.agenda.minutes': '{minutes} min.',
  'meetingReminder.agenda.proposedBy': 'voorgesteld door {partner}',
  'meetingReminder.forPartner': 'Je krijgt deze mail als vertegenwoordiger van {partner}.',
  'coordinatorReminder.subject':
    '{kind, select, nextDate {Nog geen volgende datum na {title} van {date}} other {Nog geen verslag van {title} van {date}}}',
  'coordinatorReminder.intro.minutes':
    'Het overleg {title} van {date} is intussen {days} dagen geleden, maar de uitkomst is nog niet vastgelegd. Wil je die nog even invullen: wie er was, wat er beslist werd en wanneer jullie weer samenkomen? Dan krijgen alle partners het verslag.',
  'coordinatorReminder.intro.nextDate':
    'Op het overleg {title} van {date} werd nog geen volgende vergadering afgesproken. Prik je een nieuwe datum? Vul ze aan bij de uitkomst van dit overleg; de partners krijgen dan meteen hun uitnodiging.',
  'coordinatorReminder.footer': 'Deze herinnering stuurt {network} vanzelf; ze stopt zodra het in orde is.',
} as const;
