import { requireRole } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import type { Page } from '../../shared/dynamodb/cursor';
import { UserInputError } from '../../shared/errors';
import { normaliseEmail } from '../../shared/validation';
import { partnerAddresses, validatePartnerFields, type PartnerKind, type PartnerRecord } from '../partners/partner';
import type { PartnersRepository } from '../partners/partners.repository';
import {
  neighbourId,
  neighbourLanguage,
  newNeighbour,
  validateNeighbourFields,
  type NeighbourFields,
  type NeighbourRecord,
} from './neighbour';
import { NeighbourCsvError, parseNeighbourCsv, type ImportRefusal } from './neighbour-csv';
import type { NeighboursRepository } from './neighbours.repository';

export interface ImportReport {
  imported: number;
  /** Imported contacts whose line stated no basis of consent: recorded as LEGITIMATE_INTEREST. */
  consentDefaulted: number;
  refused: ImportRefusal[];
}

export interface ConvertNeighbourCommand {
  neighbourId: string;
  kind: PartnerKind;
  /** The partner's name; the business name when left out. */
  name?: string | null;
}

/** How many rows an import writes at once: enough to be quick, few enough not to be throttled. */
const importConcurrency = 16;

const alreadyKnown = 'Dit e-mailadres is al gekend als buurtondernemer.';
const isPartnerMessage = 'Dit e-mailadres hoort bij een partner van De Stek; partners worden niet uitgenodigd voor een buurtbabbel.';

export class NeighboursService {
  constructor(
    private readonly neighbours: NeighboursRepository,
    private readonly partners: PartnersRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
  ) {}

  async add(viewer: Viewer | undefined, input: NeighbourFields): Promise<NeighbourRecord> {
    requireRole(viewer, 'COORDINATOR');
    const now = this.clock.now();
    const errors = validateNeighbourFields(input, now);
    if (errors.length > 0) throw new UserInputError(errors);
    if ((await this.partnerAddresses()).has(normaliseEmail(input.email))) {
      throw UserInputError.single('IS_PARTNER', isPartnerMessage, ['input', 'email']);
    }
    const neighbour = newNeighbour(input, now);
    if (!(await this.neighbours.createIfNew(neighbour))) throw UserInputError.single('ALREADY_KNOWN', alreadyKnown, ['input', 'email']);
    return neighbour;
  }

  async importCsv(viewer: Viewer | undefined, csv: string): Promise<ImportReport> {
    requireRole(viewer, 'COORDINATOR');
    return this.importCsvText(csv);
  }

  /**
   * Imports a CSV list: each accepted row is one item written whole, on condition that its address
   * is new; every other row is reported with its line and why. Also what `npm run import-neighbours` runs.
   */
  async importCsvText(csv: string): Promise<ImportReport> {
    const now = this.clock.now();
    let parsed;
    try {
      parsed = parseNeighbourCsv(csv, now);
    } catch (error) {
      if (error instanceof NeighbourCsvError) throw UserInputError.single(error.code, error.message, ['csv']);
      throw error;
    }
    const refused = [...parsed.refused];
    const partnerAddresses = await this.partnerAddresses();
    const toWrite = parsed.rows.filter((row) => {
      if (!partnerAddresses.has(normaliseEmail(row.fields.email))) return true;
      refused.push({ line: row.line, email: row.fields.email, code: 'IS_PARTNER', message: isPartnerMessage });
      return false;
    });
    let imported = 0;
    let consentDefaulted = 0;
    for (let start = 0; start < toWrite.length; start += importConcurrency) {
      const batch = toWrite.slice(start, start + importConcurrency);
      const created = await Promise.all(batch.map((row) => this.neighbours.createIfNew(newNeighbour(row.fields, now))));
      created.forEach((isNew, index) => {
        if (isNew) {
          imported += 1;
          if (!batch[index].fields.consentBasis) consentDefaulted += 1;
        } else {
          refused.push({ line: batch[index].line, email: batch[index].fields.email, code: 'ALREADY_KNOWN', message: alreadyKnown });
        }
      });
    }
    refused.sort((a, b) => a.line - b.line);
    return { imported, consentDefaulted, refused };
  }

  async get(viewer: Viewer | undefined, id: string): Promise<NeighbourRecord | undefined> {
    requireRole(viewer, 'COORDINATOR');
    return this.neighbours.get(id);
  }

  /** The contact with this address: its id is the address's hash, so one GetItem. */
  async getByEmail(viewer: Viewer | undefined, email: string): Promise<NeighbourRecord | undefined> {
    requireRole(viewer, 'COORDINATOR');
    return this.neighbours.get(neighbourId(email));
  }

  async list(viewer: Viewer | undefined, limit: number, after?: string): Promise<Page<NeighbourRecord>> {
    requireRole(viewer, 'COORDINATOR');
    return this.neighbours.list(limit, after);
  }

  /** Whether the contact an opt-out link names has opted out; the link's token, checked by the page, is the permission. */
  async isOptedOut(neighbourId: string): Promise<boolean> {
    return Boolean((await this.neighbours.get(neighbourId))?.optedOutAt);
  }

  /** The contact asked (through a signed link, or by telling a coordinator) not to be invited again. */
  async optOut(neighbourId: string): Promise<NeighbourRecord | undefined> {
    return this.neighbours.optOut(neighbourId, this.clock.now().toISOString());
  }

  async optOutByCoordinator(viewer: Viewer | undefined, neighbourId: string): Promise<NeighbourRecord> {
    requireRole(viewer, 'COORDINATOR');
    const neighbour = await this.optOut(neighbourId);
    if (!neighbour) throw UserInputError.single('NOT_FOUND', 'Deze buurtondernemer bestaat niet.', ['id']);
    return neighbour;
  }

  /**
   * The contact asked (by phone, by mail) to be invited: their consent, as of now, replaces the
   * earlier basis and lifts an opt-out. The opted-out page tells people to ask Schakel vzw for this.
   */
  async optIn(viewer: Viewer | undefined, neighbourId: string): Promise<NeighbourRecord> {
    requireRole(viewer, 'COORDINATOR');
    const neighbour = await this.neighbours.optIn(neighbourId, this.clock.now().toISOString());
    if (!neighbour) throw UserInputError.single('NOT_FOUND', 'Deze buurtondernemer bestaat niet.', ['id']);
    return neighbour;
  }

  /**
   * A neighbour who came to a buurtbabbel joins the network: a new partner, created in the same
   * transaction that links the contact to it. The contact stays, with its buurtbabbel history,
   * and gets no more buurtbabbel invitations.
   */
  async convertToPartner(
    viewer: Viewer | undefined,
    input: ConvertNeighbourCommand,
  ): Promise<{ neighbour: NeighbourRecord; partner: PartnerRecord }> {
    requireRole(viewer, 'COORDINATOR');
    const neighbour = await this.neighbours.get(input.neighbourId);
    if (!neighbour) throw UserInputError.single('NOT_FOUND', 'Deze buurtondernemer bestaat niet.', ['input', 'neighbourId']);
    if (neighbour.partnerId)
      throw UserInputError.single('ALREADY_PARTNER', 'Deze buurtondernemer is al partner.', ['input', 'neighbourId']);
    const name = input.name?.trim() || neighbour.businessName;
    const representatives = neighbour.contactName
      ? [{ name: neighbour.contactName, email: neighbour.email, language: neighbourLanguage(neighbour) }]
      : [];
    const errors = validatePartnerFields({ name, email: neighbour.email, kind: input.kind, representatives }, true);
    if (errors.length > 0) throw new UserInputError(errors);
    const now = this.clock.now().toISOString();
    const partner: PartnerRecord = {
      id: this.newId(),
      name,
      kind: input.kind,
      email: neighbour.email,
      representatives: representatives.map((rep) => ({ id: this.newId(), ...rep })),
      competences: [],
      formerNeighbourId: neighbour.id,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.neighbours.linkToNewPartner(neighbour.id, partner.id, now, this.partners.createPut(partner)))) {
      throw UserInputError.single('ALREADY_PARTNER', 'Deze buurtondernemer is intussen al partner geworden.', ['input', 'neighbourId']);
    }
    return { neighbour: { ...neighbour, partnerId: partner.id, convertedAt: now, updatedAt: now }, partner };
  }

  /** Addresses of partners and their representatives (a few dozen partners: one Query). */
  private async partnerAddresses(): Promise<Set<string>> {
    return partnerAddresses(await this.partners.listAll());
  }
}
