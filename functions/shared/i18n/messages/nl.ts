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
  'meeting.subject':
    '{kind, select, invitation {Uitnodiging} update {Gewijzigd} cancellation {Geannuleerd} other {Niet langer uitgenodigd}}: {title} op {when}',
  'meeting.intro.invitation': 'Je bent uitgenodigd voor {title}. Je krijgt deze mail omdat {partner} partner is van {network}.',
  'meeting.intro.update': '{title} is gewijzigd. Hieronder staan de nieuwe gegevens; de afspraak in je agenda wordt mee aangepast.',
  'meeting.intro.cancellation': '{title} gaat niet door. Je kunt de afspraak uit je agenda halen.',
  'meeting.intro.removal':
    '{partner} staat niet langer op de lijst van genodigden voor {title}. De vergadering zelf gaat wel door; de afspraak verdwijnt uit je eigen agenda.',
  'meeting.themes': "Thema's",
  'meeting.calendar.themes': "Thema's: {themes}",

  'review.subject':
    '{step, select, request {Consolidatiebespreking van {project}: hoe gaat het verder?} reminder1 {Herinnering: consolidatiebespreking van {project}} reminder2 {Tweede herinnering: consolidatiebespreking van {project}} copy {Ter info: consolidatiebespreking van {project}} noAnswer {Geen antwoord: consolidatiebespreking van {project}} other {Promotor niet bereikbaar: consolidatiebespreking van {project}}}',
  'review.option.continue': 'verder zoals nu;',
  'review.option.transfer': 'overdragen aan een derde partij (zeg aan wie);',
  'review.option.spinOff': 'een nieuwe entiteit die de activiteit overneemt en zelf partner wordt van de Locon (zeg hoe ze heet);',
  'review.option.stop': 'stoppen.',
  'review.linkNote': 'De link opent een pagina waar je je keuze maakt en bevestigt; er verandert niets tot je op de knop drukt.',
  'review.whatItIs':
    'Een consolidatiebespreking is een korte vraag aan de promotor: hoe kan het project op lange termijn verder, met of zonder de Locon? Zo weet het netwerk op tijd wat het project nodig heeft, en blijft wat werkt bestaan.',
  'review.nextMeeting': 'Je antwoord komt op de agenda van het volgende overleg, dat de beslissing bevestigt.',
  'review.request.intro':
    '{promoter} is promotor van {project} in {network}. Het is tijd om te bekijken hoe het project geconsolideerd kan worden. Wat past het best?',
  'review.reminder.intro': 'Op {asked} vroegen we hoe {project} geconsolideerd kan worden. We kregen nog geen antwoord. Wat past het best?',
  'review.answerButton': 'Geef je antwoord',
  'review.reminder2.warning': 'Zonder antwoord brengt de coördinator de vraag naar het volgende overleg.',
  'review.inCopy': 'In kopie: {partners}.',
  'review.copy.intro':
    '{partner} is betrokken bij {project}. We vroegen de promotor, {promoter}, hoe het project geconsolideerd kan worden:',
  'review.copy.yourOrganisation': 'Jullie organisatie',
  'review.copy.outro': 'Het antwoord komt op de agenda van het volgende overleg. Denk gerust mee met de promotor.',
  'review.unreachable.notArriving':
    'Onze mails over de consolidatiebespreking van {project} komen niet aan bij {promoter}, de promotor: hun e-mailadres wordt geweigerd. De vraag van {asked} heeft hen dus niet bereikt.',
  'review.unreachable.whatToDo': 'Vraag het hen zelf en vul hun antwoord in de app in, of pas hun e-mailadres aan bij de partnergegevens.',
  'review.unreachable.reminders': 'De herinneringen gaan dan naar het nieuwe adres.',
  'review.unreachable.lastReminder': 'De laatste herinnering gaat dan naar het nieuwe adres.',
  'review.unreachable.agenda': 'Zonder antwoord komt de vraag op de agenda van het volgende overleg.',
  'review.noAnswer':
    '{promoter}, promotor van {project}, heeft niet geantwoord op de vraag van {asked} voor de consolidatiebespreking{unreachable, select, yes {: onze mails kwamen niet aan, want hun e-mailadres wordt geweigerd.} other {, ook niet na twee herinneringen.}}',
  'review.agenda.planned': 'De vraag staat nu op de agenda van {meeting} op {when}.',
  'review.agenda.none': 'Er is nog geen volgend overleg gepland: de vraag komt op de agenda van het eerste overleg dat je plant.',

  'idea.subject': 'Jullie idee wordt een project: {idea}',
  'idea.voted':
    '{partner} stemde in de matrixsessie "{question}" voor het idee "{idea}" ({votes, plural, one {# stem} other {# stemmen}} in totaal). Dat idee is nu een projectvoorstel, met {promoter} als promotor.',
  'idea.why': 'Waarom: {motivation}',
  'idea.engage':
    'Doe je mee? Geef in de app aan hoeveel uren, euro’s of energie {partner} in het project kan steken. Het volgende overleg bespreekt het voorstel.',

  'inbound.stale.subject': 'Je antwoord gold een oud tijdstip: {title}',
  'inbound.stale.intro':
    'Je antwoordde vanuit je agenda op een oudere versie van de uitnodiging. Het tijdstip is intussen gewijzigd, dus dat antwoord is niet genoteerd.',
  'inbound.stale.question': 'Kom je op het nieuwe tijdstip?',
  'inbound.forward.subject': '{prefix}: {subject}',
  'inbound.forward.prefix': 'Doorgestuurd',
  'inbound.forward.noSubject': '(geen onderwerp)',
  'inbound.forward.arrived': 'Dit bericht kwam binnen op het adres van de uitnodigingen van {network}.',
  'inbound.forward.attached': 'Het oorspronkelijke bericht zit ongewijzigd als bijlage bij deze mail.',
  'inbound.forward.truncated': 'Het oorspronkelijke bericht was te groot om mee te sturen; de kopregels zitten als bijlage bij deze mail.',

  'page.switchTo': 'Nederlands',
  'page.notAllowed': 'Niet toegestaan',
  'page.useTheLink': 'Gebruik de link uit je e-mail.',
  'page.link.expired': 'Deze link is verlopen.',
  'page.link.invalid': 'Deze link is ongeldig.',
  'page.answer.savedOnClick': 'Je antwoord wordt pas bewaard wanneer je op een knop klikt.',
  'page.answer.chooseTitle': 'Kies een antwoord',
  'page.answer.choose': 'Kies “{yes}”, “{maybe}” of “{no}”.',
  'page.answer.closed': 'Antwoorden kan niet meer',
  'page.answer.thanks': 'Bedankt, je antwoord is genoteerd',
  'page.answer.yours': 'Je antwoord: {answer}.',
  'page.answer.current': 'Je huidige antwoord: {answer}.',
  'page.rsvp.question': 'Kom je naar het overleg?',
  'page.rsvp.invalidLink': 'Vraag {organisation} om een nieuwe uitnodiging ({contactEmail}), of antwoord vanuit je agenda.',
  'page.rsvp.notFoundTitle': 'Vergadering niet gevonden',
  'page.rsvp.notFound': 'Deze vergadering bestaat niet meer.',
  'page.rsvp.cancelled': 'Deze vergadering is geannuleerd.',
  'page.rsvp.past': 'Deze vergadering heeft al plaatsgevonden.',
  'page.review.title': 'Consolidatiebespreking van een project',
  'page.review.question': 'Hoe kan {project} geconsolideerd worden?',
  'page.review.asked': 'Gevraagd op {date}.',
  'page.review.current': 'Je huidige antwoord: {answer}. Je kunt het nog wijzigen tot het overleg het bevestigt.',
  'page.review.outcome.CONTINUE': 'verder zoals nu',
  'page.review.outcome.TRANSFER_TO_THIRD_PARTY': 'overdragen aan een derde partij',
  'page.review.outcome.SPIN_OFF_ENTITY': 'een nieuwe entiteit die partner wordt van de Locon',
  'page.review.outcome.STOP': 'stoppen',
  'page.review.thirdParty': 'Aan wie wordt het overgedragen?',
  'page.review.spinOffName': 'Naam van de nieuwe entiteit',
  'page.review.note': 'Toelichting',
  'page.review.send': 'Antwoord versturen',
  'page.review.nextMeeting': 'Je antwoord komt op de agenda van het volgende overleg, dat de beslissing bevestigt.',
  'page.review.chooseOne': 'Kies een van de mogelijkheden.',
  'page.review.notFoundTitle': 'Niet gevonden',
  'page.review.notFound': 'Deze consolidatiebespreking bestaat niet meer.',
  'page.review.invalidLink':
    'Gebruik de link uit de laatste e-mail over deze consolidatiebespreking, of vraag de coördinator om een nieuwe.',
  'page.review.confirmLater': 'Het volgende overleg bevestigt de beslissing.',
  'page.review.closedTitle': 'Deze consolidatiebespreking is afgerond',
  'page.review.closed': '{project}: het overleg heeft al beslist, of het project loopt niet meer.',
  'page.buurtbabbel.question': 'Kom je naar de buurtbabbel?',
  'page.buurtbabbel.name': 'Buurtbabbel',
  'page.buurtbabbel.invalidLink': 'Vraag een nieuwe uitnodiging aan {organisation}: {contactEmail}.',
  'page.buurtbabbel.notFoundTitle': 'Buurtbabbel niet gevonden',
  'page.buurtbabbel.notFound': 'Deze buurtbabbel bestaat niet meer.',
  'page.buurtbabbel.cancelled': 'Deze buurtbabbel gaat niet door.',
  'page.buurtbabbel.started': 'Deze buurtbabbel is al begonnen.',
  'page.buurtbabbel.status':
    '{status, select, ACCEPTED {ik kom} WAITING {ik kom (je staat op de wachtlijst)} MAYBE {misschien} other {ik kom niet}}',
  'page.buurtbabbel.outcome':
    '{status, select, ACCEPTED {Je bent welkom! Je krijgt een bevestiging met de afspraak voor je agenda.} WAITING {De buurtbabbel is volzet: je staat op de wachtlijst. Komt er een plaats vrij, dan krijg je meteen een mail.} MAYBE {Genoteerd: misschien. Je kunt je antwoord altijd nog aanpassen met de links in de uitnodiging.} other {Jammer dat je niet kunt komen. Bedankt om het te laten weten.}}',
  'page.buurtbabbel.outcomeUnmailed':
    '{status, select, ACCEPTED {Je bent welkom! We sturen je geen mails meer over buurtbabbels, dus ook geen bevestiging: zet de buurtbabbel zelf in je agenda.} other {De buurtbabbel is volzet: je staat op de wachtlijst. We sturen je geen mails meer over buurtbabbels: open de link in de uitnodiging later opnieuw om te zien of er een plaats vrijkwam.}}',
  'page.buurtbabbel.outcomeHeld':
    '{status, select, ACCEPTED {Je bent welkom! Je kreeg vandaag al enkele mails over je antwoord, dus we sturen nu geen nieuwe bevestiging.} other {De buurtbabbel is volzet: je staat op de wachtlijst. Je kreeg vandaag al enkele mails over je antwoord, dus we sturen nu geen nieuwe.}}',
  'page.unsubscribe.question': 'Geen uitnodigingen meer voor buurtbabbels?',
  'page.unsubscribe.explain': 'Klik op de knop om je af te melden. Daarna sturen we je geen uitnodigingen meer.',
  'page.unsubscribe.button': 'Afmelden',
  'page.unsubscribe.done': 'Je bent afgemeld',
  'page.unsubscribe.already': 'Je bent al afgemeld',
  'page.unsubscribe.optedOut':
    'Je krijgt geen uitnodigingen voor buurtbabbels meer. Wil je later toch weer uitgenodigd worden? Laat het {organisation} weten: {contactEmail}.',
  'page.unsubscribe.notFoundTitle': 'Niet gevonden',
  'page.unsubscribe.notFound': 'Dit adres staat niet (meer) in onze lijst.',
  'page.unsubscribe.byMail':
    'Afmelden kan ook zonder deze link: stuur een mail naar {address} met de vraag om je af te melden, dan doen wij het voor je. Of gebruik de afmeldlink onderaan de laatste uitnodiging die je van ons kreeg.',
  'page.error.notFound': 'Niet gevonden.',
  'page.error.internal': 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
  'request.invalidJson': 'De body van de vraag is geen geldige JSON.',
  'request.tooLarge': 'De vraag is te groot: hoogstens {bytes, number} bytes.',
  'request.rateLimited': 'Te veel vragen in korte tijd. Probeer het zo opnieuw.',
  'request.limit':
    'De vraag is te groot: {measure, select, depth {te diep genest} aliases {te veel aliassen} directives {te veel directieven} tokens {te veel tokens} other {te veel velden en lijsten samen}} (hoogstens {limit, number}).',
  'request.badRequest': 'Dit is geen geldige GraphQL-vraag over HTTP. De details staan in extensions.detail.',
  'request.invalidDateTime':
    '{field, select, none {Ongeldige datum en tijd} other {Ongeldige datum en tijd in {field}}}: gebruik ISO 8601 met tijdzone, bv. 2026-12-03T19:30:00+01:00.',
  'request.invalidCursor': 'Ongeldige cursor: gebruik de endCursor van een vorige pagina.',
  'request.invalidPageSize': 'first moet een geheel getal tussen 1 en {max} zijn.',
  'request.toBeforeFrom': 'to moet na from liggen.',

  'import.refused.UNREADABLE_LINE': 'Deze regel kan niet gelezen worden: controleer de aanhalingstekens.',
  'import.refused.WRONG_COLUMN_COUNT': 'Deze regel heeft {found} kolommen in plaats van {expected}.',
  'import.refused.NO_EMAIL': 'Geen e-mailadres.',
  'import.refused.INVALID_CONSENT_BASIS': '"{value}" is geen grondslag; schrijf "toestemming" of "gerechtvaardigd belang".',
  'import.refused.INVALID_CONSENT_DATE': '"{value}" is geen datum; schrijf bijvoorbeeld 3/11/2026 of 2026-11-03.',
  'import.refused.INVALID_LANGUAGE': '"{value}" is geen taal die we kennen; schrijf "nl" of "en" (of laat leeg voor Nederlands).',
  'import.refused.DUPLICATE_IN_FILE': 'Dit e-mailadres staat al op regel {line}.',

  'matrix.markdown.title': 'Matrixsessie: {question}',
  'matrix.markdown.summary':
    'Rijen: {rows}. Kolommen: {columns}. {votes, plural, one {# stem} other {# stemmen}} per deelnemer; {status, select, CLOSED {afgesloten} other {nog open}}.',
  'matrix.markdown.allIdeas': 'Alle ideeën',
  'matrix.markdown.noIdeas': 'Geen ideeën.',
  'matrix.markdown.idea': '{rank}. **{title}**{cell}: {votes, plural, one {# stem} other {# stemmen}}; bijdragen van {by}',

  'heatMap.title': 'Heatmap',
  'heatMap.invalidLink': 'Vraag de sessie opnieuw op in de app voor een nieuwe link.',
  'heatMap.notFound': 'Deze matrixsessie bestaat niet meer.',
  'heatMap.votes': '{votes, plural, one {# stem} other {# stemmen}}',
  'heatMap.ideas': '{ideas, plural, one {# idee} other {# ideeën}}',

  'calendarFeed.onlyGet': 'Deze agenda-link kan alleen gelezen worden (GET).',
  'calendarFeed.notFound': 'Deze agenda-link bestaat niet (meer).',
  'calendarFeed.expired': 'Deze agenda-link is een jaar niet gebruikt en werkt niet meer. Maak in de app een nieuwe agenda-link.',
} as const;
