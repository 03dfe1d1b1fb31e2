import fc from 'fast-check';
import { compareKeys } from '../../../functions/shared/compare-keys';

const sign = (n: number) => Math.sign(n);

describe('compareKeys', () => {
  it('orders ISO instants and UUIDs as localeCompare does', () => {
    const instant = fc
      .integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') })
      .map((t) => new Date(t).toISOString());
    for (const keys of [instant, fc.uuid()]) {
      fc.assert(
        fc.property(keys, keys, (a, b) => {
          expect(sign(compareKeys(a, b))).toBe(sign(a.localeCompare(b)));
        }),
        { numRuns: 2000 },
      );
    }
  });

  it('sorts a list of invitations by time, then by id', () => {
    const at = '2026-12-01T09:00:00.000Z';
    const rows = [
      { at: '2026-12-01T10:00:00.000Z', id: 'a' },
      { at, id: 'c' },
      { at, id: 'b' },
    ];
    rows.sort((x, y) => compareKeys(x.at, y.at) || compareKeys(x.id, y.id));
    expect(rows.map((row) => row.id)).toEqual(['b', 'c', 'a']);
  });
});
