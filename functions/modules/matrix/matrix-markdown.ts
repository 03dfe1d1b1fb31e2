import { contributors, rankCells, rankIdeas, type IdeaRecord, type MatrixSessionRecord } from './matrix';

/** Markdown text: characters that would start markup are escaped, line breaks become spaces. */
export function escapeMarkdown(value: string): string {
  return value.replace(/\s+/g, ' ').replace(/([\\`*_{}[\]()#+\-!|<>])/g, '\\$1');
}

const votesLabel = (votes: number) => `${votes} ${votes === 1 ? 'stem' : 'stemmen'}`;

function ideaLine(ideas: readonly IdeaRecord[], idea: IdeaRecord, rank: number, session: MatrixSessionRecord, withCell: boolean): string {
  const cell = withCell
    ? ` (${escapeMarkdown(session.rows[idea.row] ?? '?')} × ${escapeMarkdown(session.columns[idea.column] ?? '?')})`
    : '';
  const by = contributors(ideas, idea.id).map(escapeMarkdown).join(', ');
  return `${rank}. **${escapeMarkdown(idea.title)}**${cell}: ${votesLabel(idea.votes)}; bijdragen van ${by}`;
}

/** The result of a session for the meeting's minutes: ideas ranked overall and per cell, with who contributed. */
export function renderMatrixMarkdown(session: MatrixSessionRecord, ideas: readonly IdeaRecord[]): string {
  const ranked = rankIdeas(ideas);
  const lines = [
    `## Matrixsessie: ${escapeMarkdown(session.question)}`,
    '',
    `Rijen: ${session.rows.map(escapeMarkdown).join(', ')}. Kolommen: ${session.columns.map(escapeMarkdown).join(', ')}. ${session.votesPerParticipant} stemmen per deelnemer; ${session.status === 'CLOSED' ? 'afgesloten' : 'nog open'}.`,
    '',
    '### Alle ideeën',
    '',
    ...(ranked.length > 0 ? ranked.map((idea, index) => ideaLine(ideas, idea, index + 1, session, true)) : ['Geen ideeën.']),
  ];
  for (const cell of rankCells({ session, ideas: [...ideas] })) {
    if (cell.ideas.length === 0) continue;
    lines.push(
      '',
      `### ${escapeMarkdown(session.rows[cell.row])} × ${escapeMarkdown(session.columns[cell.column])} (${votesLabel(cell.votes)})`,
      '',
      ...cell.ideas.map((idea, index) => ideaLine(ideas, idea, index + 1, session, false)),
    );
  }
  return `${lines.join('\n')}\n`;
}
