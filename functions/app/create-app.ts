import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BuurtbabbelsRepository } from '../modules/buurtbabbels/buurtbabbels.repository';
import { BuurtbabbelsService } from '../modules/buurtbabbels/buurtbabbels.service';
import { CalendarFeedsRepository } from '../modules/calendar-feeds/calendar-feeds.repository';
import { CalendarFeedsService } from '../modules/calendar-feeds/calendar-feeds.service';
import { MatrixRepository } from '../modules/matrix/matrix.repository';
import { MatrixService } from '../modules/matrix/matrix.service';
import { MeetingsRepository } from '../modules/meetings/meetings.repository';
import { MeetingRemindersRepository } from '../modules/meetings/meeting-reminders.repository';
import { MeetingRemindersService } from '../modules/meetings/meeting-reminders.service';
import { MeetingsService } from '../modules/meetings/meetings.service';
import { NeighboursRepository } from '../modules/neighbours/neighbours.repository';
import { NeighboursService } from '../modules/neighbours/neighbours.service';
import { OutboxRepository } from '../modules/outbox/outbox.repository';
import { OutboxService } from '../modules/outbox/outbox.service';
import { PersonalDataRepository } from '../modules/personal-data/personal-data.repository';
import { PersonalDataService } from '../modules/personal-data/personal-data.service';
import { PartnersRepository } from '../modules/partners/partners.repository';
import { PartnersService } from '../modules/partners/partners.service';
import { ConsolidationReviewsService } from '../modules/projects/consolidation-reviews.service';
import { ProjectChanges } from '../modules/projects/project-changes';
import { agendaProjects } from '../modules/projects/agenda-projects';
import { ProjectsRepository } from '../modules/projects/projects.repository';
import { ProjectsService } from '../modules/projects/projects.service';
import { SuppressionsRepository } from '../modules/suppressions/suppressions.repository';
import { systemClock, type Clock } from '../shared/clock';
import type { Config } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb/client';
import { newId } from '../shared/ids';
import { createLogger, type Logger } from '../shared/logger';

/**
 * The composition root: builds repositories and services once per process (a Lambda cold start,
 * the local stack, a test). Tests pass their own clock and client.
 */
export interface AppServices {
  config: Config;
  clock: Clock;
  logger: Logger;
  db: DynamoDBDocumentClient;
  repositories: {
    partners: PartnersRepository;
    meetings: MeetingsRepository;
    meetingReminders: MeetingRemindersRepository;
    outbox: OutboxRepository;
    calendarFeeds: CalendarFeedsRepository;
    suppressions: SuppressionsRepository;
    neighbours: NeighboursRepository;
    buurtbabbels: BuurtbabbelsRepository;
    projects: ProjectsRepository;
    matrix: MatrixRepository;
    personalData: PersonalDataRepository;
  };
  partners: PartnersService;
  meetings: MeetingsService;
  meetingReminders: MeetingRemindersService;
  projects: ProjectsService;
  consolidationReviews: ConsolidationReviewsService;
  calendarFeeds: CalendarFeedsService;
  neighbours: NeighboursService;
  buurtbabbels: BuurtbabbelsService;
  matrix: MatrixService;
  personalData: PersonalDataService;
  outbox: OutboxService;
}

export interface AppOverrides {
  clock?: Clock;
  logger?: Logger;
  db?: DynamoDBDocumentClient;
  newId?: () => string;
}

/** Domain of UIDs and Message-IDs: the organizer address's domain. */
export function mailDomain(config: Config): string {
  return config.organizer.email.split('@')[1] ?? 'destek.local';
}

export function createApp(config: Config, overrides: AppOverrides = {}): AppServices {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const db = overrides.db ?? createDocumentClient({ region: config.awsRegion, endpoint: config.dynamodbEndpoint });
  const ids = overrides.newId ?? newId;
  const repositories = {
    partners: new PartnersRepository(db, config.tableName),
    meetings: new MeetingsRepository(db, config.tableName),
    meetingReminders: new MeetingRemindersRepository(db, config.tableName),
    outbox: new OutboxRepository(db, config.tableName),
    calendarFeeds: new CalendarFeedsRepository(db, config.tableName),
    suppressions: new SuppressionsRepository(db, config.tableName),
    neighbours: new NeighboursRepository(db, config.tableName),
    buurtbabbels: new BuurtbabbelsRepository(db, config.tableName),
    projects: new ProjectsRepository(db, config.tableName),
    matrix: new MatrixRepository(db, config.tableName),
    personalData: new PersonalDataRepository(db, config.tableName),
  };
  const uidDomain = mailDomain(config);
  const meetings = new MeetingsService(
    repositories.meetings,
    repositories.partners,
    agendaProjects(repositories.projects),
    repositories.outbox,
    clock,
    ids,
    { uidDomain, reminders: config.meetingReminders },
    repositories.meetingReminders,
  );
  const projectChanges = new ProjectChanges(repositories.projects, repositories.partners, clock);
  return {
    config,
    clock,
    logger,
    db,
    repositories,
    partners: new PartnersService(repositories.partners, clock, ids),
    meetings,
    meetingReminders: new MeetingRemindersService(
      repositories.meetingReminders,
      repositories.meetings,
      repositories.partners,
      repositories.outbox,
      clock,
      { uidDomain, coordinator: { email: config.coordinatorEmail }, reminders: config.meetingReminders },
    ),
    projects: new ProjectsService(
      projectChanges,
      repositories.projects,
      repositories.partners,
      repositories.meetings,
      clock,
      ids,
      meetings,
    ),
    consolidationReviews: new ConsolidationReviewsService(
      projectChanges,
      repositories.projects,
      repositories.partners,
      repositories.meetings,
      meetings,
      repositories.outbox,
      repositories.suppressions,
      clock,
      ids,
      { coordinator: config.organizer },
      logger,
    ),
    calendarFeeds: new CalendarFeedsService(repositories.calendarFeeds, repositories.meetings, repositories.partners, clock, {
      publicBaseUrl: config.publicBaseUrl,
      uidDomain,
      organizer: config.organizer,
      names: config.names,
    }),
    neighbours: new NeighboursService(repositories.neighbours, repositories.partners, clock, ids),
    buurtbabbels: new BuurtbabbelsService(
      repositories.buurtbabbels,
      repositories.neighbours,
      repositories.partners,
      repositories.suppressions,
      repositories.outbox,
      clock,
      ids,
      { uidDomain, sendRatePerMinute: config.buurtbabbelSendRatePerMinute },
      logger,
    ),
    matrix: new MatrixService(
      repositories.matrix,
      repositories.partners,
      repositories.meetings,
      repositories.projects,
      repositories.outbox,
      clock,
      ids,
      {
        publicBaseUrl: config.publicBaseUrl,
        // Read when a link is signed: functions without the secret (jobs, calendar feed) build this service too.
        get linkSigningSecret() {
          return config.linkSigningSecret;
        },
      },
    ),
    personalData: new PersonalDataService(repositories, clock),
    outbox: new OutboxService(repositories.outbox, repositories.suppressions, clock),
  };
}
