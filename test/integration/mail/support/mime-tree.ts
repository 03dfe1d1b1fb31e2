/**
 * A minimal MIME reader for the tests: enough to see which part sits inside which, with the raw
 * Content-Type of each, independent of how mailparser flattens a message.
 */
export interface MimePart {
  contentType: string;
  headers: Record<string, string>;
  children: MimePart[];
}

export function mimeTree(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const headerBlock = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of headerBlock.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const contentType = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const children: MimePart[] = [];
  if (/^multipart\//i.test(contentType) && boundary) {
    const sections = body.split(`--${boundary}`);
    // sections[0] is the preamble; the last one starts with "--" (the closing delimiter).
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) break;
      children.push(mimeTree(section.replace(/^\r\n/, '')));
    }
  }
  return { contentType, headers, children };
}

/** "multipart/mixed(multipart/alternative(text/plain,...),application/ics)" */
export function mimeShape(part: MimePart): string {
  const type = part.contentType.split(';')[0].trim().toLowerCase();
  return part.children.length === 0 ? type : `${type}(${part.children.map(mimeShape).join(',')})`;
}
