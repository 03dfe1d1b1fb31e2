import { renderHeatMapSvg } from '../../../functions/modules/matrix/heat-map-svg';
import {
  absorbedIdeas,
  checkAxesKeepIdeas,
  contributors,
  rankCells,
  rankIdeas,
  validateStart,
  voteToWithdraw,
  type IdeaRecord,
  type MatrixSessionRecord,
} from '../../../functions/modules/matrix/matrix';
import { renderMatrixMarkdown } from '../../../functions/modules/matrix/matrix-markdown';

const session: MatrixSessionRecord = {
  id: 's',
  question: 'Wat <starten> we?',
  rows: ['Buren', 'Groen'],
  columns: ['Koken & bakken', 'Hout'],
  status: 'CLOSED',
  votesPerParticipant: 3,
  facilitatorId: 'c',
  version: 2,
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

function idea(overrides: Partial<IdeaRecord> & { id: string }): IdeaRecord {
  return {
    sessionId: 's',
    title: overrides.id,
    row: 0,
    column: 0,
    authorKey: 'a',
    authorName: 'Auteur',
    votes: 0,
    comments: [],
    mergedFrom: [],
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  };
}

describe('matrix rules', () => {
  it('ranks standing ideas by votes, then age, and leaves merged ones out', () => {
    const ideas = [
      idea({ id: 'a', votes: 2, createdAt: '2026-12-01T09:05:00.000Z' }),
      idea({ id: 'b', votes: 2, createdAt: '2026-12-01T09:01:00.000Z' }),
      idea({ id: 'c', votes: 5, mergedInto: 'a' }),
      idea({ id: 'd', votes: 3, row: 1, column: 1 }),
    ];
    expect(rankIdeas(ideas).map((i) => i.id)).toEqual(['d', 'b', 'a']);
    expect(rankCells({ session, ideas }).map((cell) => [cell.row, cell.column, cell.votes, cell.ideas.map((i) => i.id)])).toEqual([
      [0, 0, 4, ['b', 'a']],
      [0, 1, 0, []],
      [1, 0, 0, []],
      [1, 1, 3, ['d']],
    ]);
  });

  it('follows merges through merges for contributors and the vote to take back', () => {
    const ideas = [
      idea({ id: 'a', authorName: 'An', mergedFrom: ['b'], createdAt: '2026-12-01T09:00:00.000Z' }),
      idea({
        id: 'b',
        authorName: 'Bo',
        mergedInto: 'a',
        mergedFrom: ['c'],
        createdAt: '2026-12-01T09:01:00.000Z',
        comments: [{ id: 'k', authorName: 'An', text: 'ja', createdAt: '2026-12-01T09:03:00.000Z' }],
      }),
      idea({ id: 'c', authorName: 'Cas', mergedInto: 'b', createdAt: '2026-12-01T09:02:00.000Z' }),
    ];
    expect(absorbedIdeas(ideas, 'a').map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(contributors(ideas, 'a')).toEqual(['An', 'Bo', 'Cas']);
    const votes = [
      { ideaId: 'c', participantKey: 'p', name: 'P', count: 1 },
      { ideaId: 'a', participantKey: 'q', name: 'Q', count: 0 },
    ];
    expect(voteToWithdraw({ ideas, votes }, 'a', 'p')?.ideaId).toBe('c');
    expect(voteToWithdraw({ ideas, votes }, 'a', 'q')).toBeUndefined();
  });

  it('validates a start and keeps axes that hold ideas', () => {
    const { errors } = validateStart({ question: ' ', rows: ['A', 'a'], columns: [], votesPerParticipant: 0 });
    expect(errors.map((e) => e.code)).toEqual(['REQUIRED', 'DUPLICATE_LABEL', 'EMPTY_AXIS', 'INVALID_VOTE_BUDGET']);
    expect(checkAxesKeepIdeas([idea({ id: 'x', row: 1 })], ['A'], ['B']).map((e) => e.code)).toEqual(['AXIS_IN_USE']);
    expect(checkAxesKeepIdeas([idea({ id: 'x', row: 1 })], ['A', 'B2', 'C'], ['B'])).toEqual([]);
  });
});

describe('matrix result', () => {
  const ideas = [
    idea({ id: 'a', title: 'Soep *gratis*', votes: 2, authorName: 'Bakker [x]' }),
    idea({ id: 'b', row: 1, column: 1, votes: 1 }),
  ];

  it('draws the heat map with escaped labels and the hottest cell darkest', () => {
    const svg = renderHeatMapSvg(session, ideas);
    expect(svg).toContain('<title>Wat &lt;starten&gt; we?</title>');
    expect(svg).toContain('Koken &amp; bakken');
    expect(svg).toContain('data-row="0" data-column="0" data-votes="2"><rect x="180" y="50" width="140" height="60" fill="#1e6e3c"');
    expect(svg).toContain('data-row="0" data-column="1" data-votes="0"><rect x="320" y="50" width="140" height="60" fill="#ffffff"');
  });

  it('writes Markdown for the minutes, ranked overall and per cell, with markup in names escaped', () => {
    const markdown = renderMatrixMarkdown(session, ideas);
    expect(markdown).toContain('## Matrixsessie: Wat \\<starten\\> we?');
    expect(markdown).toContain('1. **Soep \\*gratis\\*** (Buren × Koken & bakken): 2 stemmen; bijdragen van Bakker \\[x\\]');
    expect(markdown).toContain('### Groen × Hout (1 stem)\n\n1. **b**: 1 stem; bijdragen van Auteur');
    expect(markdown).not.toContain('### Buren × Hout');
    const english = renderMatrixMarkdown(session, ideas, 'en');
    expect(english).toContain('## Matrix session: Wat \\<starten\\> we?');
    expect(english).toContain('1. **Soep \\*gratis\\*** (Buren × Koken & bakken): 2 votes; contributions from Bakker \\[x\\]');
    expect(english).toContain('### Groen × Hout (1 vote)');
    expect(english).not.toMatch(/stem|bijdragen|Rijen/);
  });

  it("writes the heat map's words in English for an English reader", () => {
    const svg = renderHeatMapSvg(session, ideas, 'en');
    expect(svg).toContain('>2 votes</text>');
    expect(svg).toContain('>1 idea</text>');
    expect(svg).not.toMatch(/stemmen|ideeën/);
  });
});
