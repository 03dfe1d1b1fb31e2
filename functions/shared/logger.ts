/**
 * A small structured logger: one JSON object per line, as CloudWatch and local terminals both read.
 * Callers pass identifiers and counts, never names or email addresses (no personal data in logs).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
type Fields = Record<string, unknown>;

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** SMTP and SDK errors can quote addresses; they never reach the logs. */
export function redactEmails(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[email]');
}

/** The fields as logged: an error becomes its name, code and redacted message (no stack, no cause). */
export function safeFields(fields: Fields | undefined): Fields {
  const extra = fields ? { ...fields } : {};
  if (extra.error instanceof Error) {
    const err = extra.error;
    extra.error = { name: err.name, message: redactEmails(err.message), code: (err as { code?: unknown }).code };
  }
  return extra;
}

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

export function createLogger(
  level: LogLevel = 'info',
  base: Fields = {},
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Logger {
  const log = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: Fields) => {
    if (order[at] < order[level]) return;
    const extra = safeFields(fields);
    write(JSON.stringify({ level: at, time: new Date().toISOString(), message, ...base, ...extra }));
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}
