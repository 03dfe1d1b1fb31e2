import { requireRole } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import { retryOnConflict } from '../../shared/dynamodb/retry-on-conflict';
import { UserInputError, VersionConflictError } from '../../shared/errors';
import { recipientKey } from '../../shared/recipient-key';
import { checkEmail, normaliseEmail } from '../../shared/validation';
import type { BuurtbabbelsRepository } from '../buurtbabbels/buurtbabbels.repository';
import type { GuestRecord } from '../buurtbabbels/buurtbabbel';
import type { CalendarFeedsRepository } from '../calendar-feeds/calendar-feeds.repository';
import type { NeighboursRepository } from '../neighbours/neighbours.repository';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { PartnersRepository } from '../partners/partners.repository';
import type { SuppressionsRepository } from '../suppressions/suppressions.repository';
import { partnerAddresses } from '../partners/partner';
import {
  attendeesWithout,
  withoutRepresentative,
  withoutWaitingGuest,
  type ErasureReport,
  type PersonalDataReport,
  type RetentionReport,
} from './personal-data';
import type { PersonalDataRepository, PersonPointer } from './personal-data.repository';

export interface PersonalDataRepositories {
  personalData: PersonalDataRepository;
  neighbours: NeighboursRepository;
  buurtbabbels: BuurtbabbelsRepository;
  partners: PartnersRepository;
  suppressions: SuppressionsRepository;
  calendarFeeds: CalendarFeedsRepository;
  outbox: OutboxRepository;
}

/** How many due contacts one run shrinks at most; the job runs every 15 minutes, the rest wait for the next. */
const retentionBatchSize = 25;

/**
 * Personal data rights, coordinator only: everything stored about an address (access), and its
 * erasure everywhere but in the counts and history, which stay without the person. The address's
 * hash stays on the suppression list, so that no job writes to it again.
 */
export class PersonalDataService {
  constructor(
    private readonly repositories: PersonalDataRepositories,
    private readonly clock: Clock,
  ) {}

  async report(viewer: Viewer | undefined, email: string): Promise<PersonalDataReport> {
    requireRole(viewer, 'COORDINATOR');
    const address = validAddress(email, ['email']);
    const key = recipientKey(address);
    const { personalData, neighbours, buurtbabbels, partners, suppressions, calendarFeeds, outbox } = this.repositories;
    const [neighbour, answers, allPartners, suppression, pointers, pending] = await Promise.all([
      neighbours.get(key),
      buurtbabbels.listHistory(key),
      partners.listAll(),
      suppressions.findByKey(key),
      personalData.pointers(key),
      outbox.findUnexpandedDispatches(),
    ]);
    const copies = await Promise.all(
      pointers.flatMap((pointer) => (pointer.type === 'outbox' ? [outbox.findCopy(pointer.dispatchId, key)] : [])),
    );
    const feeds = await Promise.all(
      pointers.flatMap((pointer) => (pointer.type === 'feed' ? [calendarFeeds.findByViewer(pointer.viewerId)] : [])),
    );
    return {
      email: address,
      addressKey: key,
      neighbour: neighbour ?? null,
      buurtbabbelAnswers: answers,
      representativeOf: allPartners.flatMap((partner) =>
        partner.representatives
          .filter((rep) => recipientKey(rep.email) === key)
          .map((representative) => ({ partnerId: partner.id, partnerName: partner.name, representative })),
      ),
      partnerContactOf: allPartners
        .filter((partner) => recipientKey(partner.email) === key)
        .map((partner) => ({ partnerId: partner.id, partnerName: partner.name })),
      suppression: suppression ?? null,
      calendarFeeds: feeds.flatMap((feed) =>
        feed ? [{ viewerId: feed.viewerId, role: feed.role, partnerId: feed.partnerId, createdAt: feed.createdAt }] : [],
      ),
      outboxCopies: copies.flatMap((message) =>
        message
          ? [
              {
                dispatchId: message.dispatchId,
                kind: message.kind,
                status: message.status,
                createdAt: message.createdAt,
                sentAt: message.sentAt,
                payload: message.payload,
              },
            ]
          : [],
      ),
      pendingDispatches: pending
        .filter((dispatch) => names(dispatch, key))
        .map((dispatch) => ({ dispatchId: dispatch.id, kind: dispatch.kind, createdAt: dispatch.createdAt })),
    };
  }

  /**
   * Erases the address everywhere. The suppression hash is written first, so that a job that runs
   * meanwhile already leaves the address alone; each later step is idempotent, so a run that dies
   * half-way is finished by running it again.
   */
  async erase(viewer: Viewer | undefined, email: string): Promise<ErasureReport> {
    requireRole(viewer, 'COORDINATOR');
    const address = validAddress(email, ['input', 'email']);
    const key = recipientKey(address);
    const now = this.clock.now();
    const at = now.toISOString();
    const { personalData, neighbours, buurtbabbels, partners, suppressions } = this.repositories;
    const [neighbour, answers, pointers, suppression] = await Promise.all([
      neighbours.get(key),
      buurtbabbels.listHistory(key),
      personalData.pointers(key),
      suppressions.findByKey(key),
    ]);
    let erased = Boolean(neighbour) || answers.length > 0 || pointers.length > 0 || Boolean(suppression?.email);
    await suppressions.keepOnlyHash(key, now);

    for (const guest of answers) await this.eraseAnswer(guest, at);
    if (neighbour) await personalData.deleteNeighbour(key);

    for (const partner of await partners.listAll()) {
      const changed = await retryOnConflict(
        async (attempt) => {
          const current = attempt === 1 ? partner : await partners.get(partner.id);
          const next = current && withoutRepresentative(current, key, recipientKey, at);
          if (!current || !next) return false;
          await partners.replace(next, current.version);
          return true;
        },
        { field: ['input', 'email'] },
      );
      erased ||= changed;
    }

    erased = (await this.forgetCopiesAndFeeds(key, pointers)) || erased;
    return { erased };
  }

  /**
   * Retention, run by the buurtbabbel job: each contact that opted out `optOutGraceDays` ago or more
   * shrinks to the hash on the suppression list that keeps it unmailed, with the erasure's steps:
   * its answers go (the buurtbabbels keep their counts), its outbox copies go, and the contact is
   * deleted in one transaction with the hash. A contact whose address has meanwhile become a
   * partner's (or has a calendar feed) is in the network and stays whole. Found by key on the due
   * index, never a scan; each step is idempotent, so a run that dies is finished by the next.
   */
  async shrinkOptedOutNeighbours(asOf?: Date): Promise<RetentionReport> {
    const { neighbours, buurtbabbels, partners, personalData, suppressions } = this.repositories;
    const report: RetentionReport = { neighboursShrunk: 0, neighboursKept: 0 };
    const now = asOf ?? this.clock.now();
    const at = now.toISOString();
    const due = await neighbours.findDueForRetention(now, retentionBatchSize);
    if (due.length === 0) return report;
    const inNetwork = partnerAddresses(await partners.listAll());
    for (const id of due) {
      const neighbour = await neighbours.get(id);
      // Opted in meanwhile: the due entry went with the opt-out.
      if (!neighbour?.optedOutAt) continue;
      const [answers, pointers] = await Promise.all([buurtbabbels.listHistory(id), personalData.pointers(id)]);
      if (neighbour.partnerId || inNetwork.has(neighbour.email) || pointers.some((pointer) => pointer.type === 'feed')) {
        await neighbours.keepFromRetention(id);
        report.neighboursKept += 1;
        continue;
      }
      for (const guest of answers) await this.eraseAnswer(guest, at);
      await this.forgetCopiesAndFeeds(id, pointers);
      const suppression = suppressions.keepOnlyHashUpdate(id, now, 'OPT_OUT_RETENTION');
      if (await personalData.deleteOptedOutNeighbour(id, neighbour.optedOutAt, suppression)) report.neighboursShrunk += 1;
      else report.neighboursKept += 1;
    }
    return report;
  }

  /**
   * Deletes the address's outbox copies (and takes it out of their dispatches, also those not yet
   * expanded) and revokes its calendar feeds. True when a dispatch not yet expanded named it.
   */
  private async forgetCopiesAndFeeds(key: string, pointers: readonly PersonPointer[]): Promise<boolean> {
    const { personalData, calendarFeeds, outbox } = this.repositories;
    for (const pointer of pointers) {
      if (pointer.type === 'outbox') {
        await this.removeFromDispatch(pointer.dispatchId, key);
        await outbox.forgetCopy(pointer.dispatchId, key);
        await this.removeFromAttendees(pointer.dispatchId, key);
      } else {
        await calendarFeeds.revoke(pointer.viewerId);
        await personalData.deletePointer(key, pointer.sk);
      }
    }
    let pending = false;
    for (const dispatch of await outbox.findUnexpandedDispatches()) {
      if (names(dispatch, key)) {
        await this.removeFromDispatch(dispatch.id, key);
        await this.removeFromAttendees(dispatch.id, key);
        pending = true;
      }
    }
    return pending;
  }

  /** A guest record goes; the buurtbabbel keeps its counts, less the place on its waiting list. */
  private async eraseAnswer(guest: GuestRecord, at: string): Promise<void> {
    const { personalData, buurtbabbels } = this.repositories;
    await retryOnConflict(
      async () => {
        const { buurtbabbel, guest: current } = await buurtbabbels.getWithGuest(guest.buurtbabbelId, guest.neighbourId);
        if (!current) return;
        const guestDelete = personalData.guestDelete(current.buurtbabbelId, current.neighbourId, current.version);
        if (!buurtbabbel) return personalData.deleteAlone(guestDelete);
        // The buurtbabbel's version rises even when only the guest goes: an answer decided meanwhile is refused.
        const next = withoutWaitingGuest(buurtbabbel, current, at) ?? { ...buurtbabbel, version: buurtbabbel.version + 1, updatedAt: at };
        await buurtbabbels.replace(next, buurtbabbel.version, [guestDelete]);
      },
      { field: ['input', 'email'] },
    );
  }

  /**
   * Takes the address out of the attendee lists of a dispatch's payload and of its messages' copies
   * (a meeting invitation lists every invitee, also to the others), each written on condition the
   * list is the one read.
   */
  private async removeFromAttendees(dispatchId: string, key: string): Promise<void> {
    const { outbox } = this.repositories;
    await retryOnConflict(
      async () => {
        for (const { itemKey, payload } of await outbox.partitionPayloads(dispatchId)) {
          const kept = attendeesWithout(payload, key, recipientKey);
          if (!kept) continue;
          const seen = (payload as { attendees: unknown[] }).attendees;
          if (!(await outbox.replaceAttendees(itemKey, seen, kept))) throw new VersionConflictError('outbox payload', dispatchId);
        }
      },
      { field: ['input', 'email'] },
    );
  }

  /** Takes the address out of a dispatch's recipients, re-reading when the list changed meanwhile. */
  private async removeFromDispatch(dispatchId: string, key: string): Promise<void> {
    const { outbox } = this.repositories;
    // The list is written back on condition it is the one read: a concurrent change reads again.
    await retryOnConflict(
      async () => {
        const recipients = await outbox.dispatchRecipients(dispatchId);
        if (!recipients.some((recipient) => recipient.key === key)) return;
        if (!(await outbox.removeRecipient(dispatchId, recipients, key))) throw new VersionConflictError('outbox dispatch', dispatchId);
      },
      { field: ['input', 'email'] },
    );
  }
}

/** Whether a dispatch names the address: as a recipient, or in its payload's attendee list. */
function names(dispatch: { recipients: readonly { key: string }[]; payload: unknown }, key: string): boolean {
  return (
    dispatch.recipients.some((recipient) => recipient.key === key) || attendeesWithout(dispatch.payload, key, recipientKey) !== undefined
  );
}

function validAddress(email: string, field: string[]): string {
  const error = checkEmail(email, field);
  if (error) throw new UserInputError([error]);
  return normaliseEmail(email);
}
