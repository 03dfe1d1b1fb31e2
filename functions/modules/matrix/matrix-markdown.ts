import type { Language } from '../../shared/i18n/language';
import { t } from '../../shared/i18n/translate';
import { contributors, rankCells, rankIdeas, type IdeaRecord, type MatrixSessionRecord } from './matrix';

/** Markdown text: characters that would start markup are escaped, line breaks become spaces. */
export function escapeMarkdown(value: string): string {
  return value.replace(/\s+/g, ' ').replace(/([\\`*_{}[\]()#+\-!|<>])/g, '\\$1');
}

function ideaLine(
  ideas: readonly IdeaRecord[],
  idea: IdeaRecord,
  rank: number,
  session: MatrixSessionRecord,
  withCell: boolean,
  language: Language,
): string {
  const cell = withCell
    ? ` (${escapeMarkdown(session.rows[idea.row] ?? '?')} × ${escapeMarkdown(session.columns[idea.column] ?? '?')})`
    : '';
  const by = contributors(ideas, idea.id).map(escapeMarkdown).join(', ');
  return t(language, 'matrix.markdown.idea', { rank, title: escapeMarkdown(idea.title), cell, votes: idea.votes, by });
}

/** The result of a session for the meeting's minutes: ideas ranked overall and per cell, with who contributed; its words in `language`. */
export function renderMatrixMarkdown(session: MatrixSessionRecord, ideas: readonly IdeaRecord[], language: Language = 'nl'): string {
  const ranked = rankIdeas(ideas);
  const list = (values: string[]) => values.map(escapeMarkdown).join(', ');
  const lines = [
    `## ${t(language, 'matrix.markdown.title', { question: escapeMarkdown(session.question) })}`,
    '',
    t(language, 'matrix.markdown.summary', {
      rows: list(session.rows),
      columns: list(session.columns),
      votes: session.votesPerParticipant,
      status: session.status,
    }),
    '',
    `### ${t(language, 'matrix.markdown.allIdeas')}`,
    '',
    ...(ranked.length > 0
      ? ranked.map((idea, index) => ideaLine(ideas, idea, index + 1, session, true, language))
      : [t(language, 'matrix.markdown.noIdeas')]),
  ];
  for (const cell of rankCells({ session, ideas: [...ideas] })) {
    if (cell.ideas.length === 0) continue;
    lines.push(
      '',
      `### ${escapeMarkdown(session.rows[cell.row])} × ${escapeMarkdown(session.columns[cell.column])} (${t(language, 'heatMap.votes', { votes: cell.votes })})`,
      '',
      ...cell.ideas.map((idea, index) => ideaLine(ideas, idea, index + 1, session, false, language)),
    );
  }
  return `${lines.join('\n')}\n`;
}
