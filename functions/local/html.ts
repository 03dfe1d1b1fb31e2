import { escapeHtml } from '../shared/html';

/** Page chrome for the few HTML pages the local stack serves itself (the outbox viewer). */
const style = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1d1d1b; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  /* A phone reads the list as cards: one line per cell, long addresses wrap instead of widening the page. */
  @media (max-width: 40rem) {
    table, tbody, tr, td { display: block; } thead { display: none; }
    td { border: 0; padding: .1rem .6rem; overflow-wrap: anywhere; } tr { border-bottom: 1px solid #ddd; padding: .4rem 0; }
  }
  th { background: #f4f4f2; }
  pre { background: #f7f7f5; padding: .8rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
  iframe { width: 100%; height: 32rem; border: 1px solid #ccc; background: #fff; }
  .muted { color: #666; }
  .tag { background: #e6f0e6; border-radius: .3rem; padding: 0 .4rem; font-size: .85em; }
`;

/** A complete page; `title` is escaped here, `bodyHtml` must already be safe. */
export function htmlPage(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="nl-BE">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head>
<body>
${bodyHtml}
</body>
</html>
`;
}
