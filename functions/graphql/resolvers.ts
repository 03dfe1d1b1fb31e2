import { buurtbabbelsResolvers } from '../modules/buurtbabbels/buurtbabbels.resolvers';
import { calendarFeedsResolvers } from '../modules/calendar-feeds/calendar-feeds.resolvers';
import { matrixResolvers } from '../modules/matrix/matrix.resolvers';
import { meetingsResolvers } from '../modules/meetings/meetings.resolvers';
import { neighboursResolvers } from '../modules/neighbours/neighbours.resolvers';
import { outboxResolvers } from '../modules/outbox/outbox.resolvers';
import { personalDataResolvers } from '../modules/personal-data/personal-data.resolvers';
import { partnersResolvers } from '../modules/partners/partners.resolvers';
import { projectsResolvers } from '../modules/projects/projects.resolvers';
import { DateTimeScalar } from './date-time-scalar';
import type { Resolvers } from './generated/resolvers-types';
import { guardIdArguments } from './id-guard';
import { applyReadPolicy } from './read-policy';
import { viewerResolvers } from './viewer.resolvers';

/** Merges the modules' resolver maps type by type (no module may define the same field twice). */
export function mergeResolvers(parts: Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [typeName, fields] of Object.entries(part)) {
      if (fields instanceof Object && !(typeName === 'DateTime')) {
        merged[typeName] ??= {};
        for (const [field, resolver] of Object.entries(fields as Record<string, unknown>)) {
          if (field in merged[typeName]) throw new Error(`resolver ${typeName}.${field} is defined twice`);
          merged[typeName][field] = resolver;
        }
      }
    }
  }
  return { ...(merged as Resolvers), DateTime: DateTimeScalar };
}

/**
 * Every module's resolvers, with the read policy (need to know, field by field) applied in one
 * place, and over-long ids refused before any resolver runs.
 */
export const resolvers = guardIdArguments(
  applyReadPolicy(
    mergeResolvers([
      viewerResolvers,
      partnersResolvers,
      meetingsResolvers,
      calendarFeedsResolvers,
      neighboursResolvers,
      buurtbabbelsResolvers,
      projectsResolvers,
      outboxResolvers,
      matrixResolvers,
      personalDataResolvers,
    ]),
  ),
);
