const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe for element content and for quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => entities[ch]);
}

/**
 * An escaped value for an href. Only web links (and webcal for calendar feeds) are let through:
 * a `javascript:` or `data:` link in a mail is never something we meant to send.
 */
export function safeHref(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('A link in an email must be an absolute URL');
  }
  if (!['https:', 'http:', 'webcal:', 'mailto:'].includes(parsed.protocol)) {
    throw new Error(`A link in an email may not use the ${parsed.protocol} scheme`);
  }
  return escapeHtml(url);
}

/** Escapes text and turns the web and webcal addresses in it into links. */
export function linkifyText(text: string): string {
  return (
    text
      // The last character may not be punctuation, so "zie https://x/y." links to https://x/y.
      .split(/((?:https?|webcal):\/\/[^\s<>"]*[^\s<>".,;:!?)\]])/)
      .map((part, i) => (i % 2 === 1 ? `<a href="${safeHref(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
      .join('')
  );
}
