import { localeOf, type Language } from '../../shared/i18n/language';
import { t } from '../../shared/i18n/translate';
import { rankCells, type IdeaRecord, type MatrixSessionRecord } from './matrix';

/** XML text and attribute escaping: labels are typed by people and must not break out of the SVG. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!);
}

const cellWidth = 140;
const cellHeight = 60;
const labelWidth = 180;
const headerHeight = 50;

/** From white (no votes) to deep green (the cell with most votes). */
export function heatColour(votes: number, maxVotes: number): string {
  const share = maxVotes > 0 ? votes / maxVotes : 0;
  const mix = (from: number, to: number) => Math.round(from + (to - from) * share);
  const hex = (value: number) => value.toString(16).padStart(2, '0');
  return `#${hex(mix(255, 30))}${hex(mix(255, 110))}${hex(mix(255, 60))}`;
}

function label(text: string, max = 22): string {
  return escapeXml(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}

/** The heat map of a session: one cell per row and column, coloured by the votes its ideas got; its words in `language`. */
export function renderHeatMapSvg(session: MatrixSessionRecord, ideas: readonly IdeaRecord[], language: Language = 'nl'): string {
  const cells = rankCells({ session, ideas: [...ideas] });
  const maxVotes = Math.max(0, ...cells.map((cell) => cell.votes));
  const width = labelWidth + session.columns.length * cellWidth;
  const height = headerHeight + session.rows.length * cellHeight;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" xml:lang="${localeOf[language]}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" style="max-width:100%;height:auto" font-family="Arial, Helvetica, sans-serif" font-size="13">`,
    `<title>${escapeXml(session.question)}</title>`,
    ...session.columns.map(
      (column, index) =>
        `<text x="${labelWidth + index * cellWidth + cellWidth / 2}" y="${headerHeight - 16}" text-anchor="middle"><title>${escapeXml(column)}</title>${label(column, 18)}</text>`,
    ),
    ...session.rows.map(
      (row, index) =>
        `<text x="8" y="${headerHeight + index * cellHeight + cellHeight / 2 + 4}"><title>${escapeXml(row)}</title>${label(row)}</text>`,
    ),
    ...cells.map((cell) => {
      const x = labelWidth + cell.column * cellWidth;
      const y = headerHeight + cell.row * cellHeight;
      const fill = heatColour(cell.votes, maxVotes);
      const textColour = maxVotes > 0 && cell.votes / maxVotes > 0.5 ? '#ffffff' : '#222222';
      const ideasLabel = escapeXml(t(language, 'heatMap.ideas', { ideas: cell.ideas.length }));
      const votesLabel = escapeXml(t(language, 'heatMap.votes', { votes: cell.votes }));
      return (
        `<g data-row="${cell.row}" data-column="${cell.column}" data-votes="${cell.votes}">` +
        `<rect x="${x}" y="${y}" width="${cellWidth}" height="${cellHeight}" fill="${fill}" stroke="#999999"/>` +
        `<text x="${x + cellWidth / 2}" y="${y + 26}" text-anchor="middle" fill="${textColour}" font-weight="bold">${votesLabel}</text>` +
        `<text x="${x + cellWidth / 2}" y="${y + 44}" text-anchor="middle" fill="${textColour}">${ideasLabel}</text></g>`
      );
    }),
    '</svg>',
  ];
  return parts.join('\n');
}
