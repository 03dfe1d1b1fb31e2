import { firstDueAt, isPaced, messageIdFor, provisionalDueAt, retryDelayMs } from '../../../functions/modules/outbox/outbox';
import { recipientKey } from '../../../functions/shared/recipient-key';

describe('outbox rules', () => {
  it('backs off 1, 2, 4 … minutes, capped at an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((attempt) => retryDelayMs(attempt) / 60_000)).toEqual([1, 2, 4, 8, 60, 60, 60]);
  });

  it('keys a recipient by a hash of the normalised address, not the address itself', () => {
    expect(recipientKey(' An@Example.be ')).toBe(recipientKey('an@example.be'));
    expect(recipientKey('an@example.be')).not.toContain('example');
    expect(recipientKey('an@example.be')).not.toBe(recipientKey('bo@example.be'));
  });

  it('makes a message due its delay after the expansion, whenever that happens', () => {
    const expandedLate = new Date('2026-12-06T20:00:00Z');
    expect(firstDueAt({ key: 'k', email: 'a@b.be', data: {} }, expandedLate)).toEqual(expandedLate);
    expect(firstDueAt({ key: 'k', email: 'a@b.be', data: {}, delayMs: 90_000 }, expandedLate)).toEqual(new Date('2026-12-06T20:01:30Z'));
  });

  it('parks a paced message, while its mailing is written, its delay after the end of the expansion lease', () => {
    const expanding = new Date('2026-12-06T20:00:00Z');
    const paced = { key: 'k', email: 'a@b.be', data: {}, delayMs: 300 };
    expect(isPaced(paced)).toBe(true);
    expect(isPaced({ key: 'k', email: 'a@b.be', data: {} })).toBe(false);
    expect(provisionalDueAt(paced, expanding, 120_000)).toEqual(new Date('2026-12-06T20:02:00.300Z'));
  });

  it('gives a message the same Message-ID on every attempt', () => {
    expect(messageIdFor('meeting.m.v2', 'abc', 'destek.test')).toBe('<meeting.m.v2.abc@destek.test>');
  });
});
