import { z } from 'zod';
import type { Role } from '../shared/auth/viewer';
import { signDevToken } from '../shared/auth/dev-tokens';
import { runCli, splitEqualsFlags, UsageError } from './cli';
import { ensureDevSecrets } from './dev-secrets';

/**
 * `npm run token -- --email an@example.be --role COORDINATOR` (or `--role PARTNER --partner <id>`):
 * prints a development token for the local stack, signed with the key in `.data/dev-secrets.json`
 * (or DEV_JWT_SECRET when set, as the stack uses then). Only the token goes to stdout, so
 * `TOKEN=$(npm run -s token -- …)` works.
 */
export interface TokenArgs {
  email: string;
  role: Role;
  partnerId?: string;
}

export const tokenUsage = `Usage: npm run token -- --email <address> --role COORDINATOR
       npm run token -- --email <address> --role PARTNER --partner <partner id>`;

const emailSchema = z.email();

export function parseTokenArgs(argv: readonly string[]): TokenArgs | 'help' {
  const args = splitEqualsFlags(argv);
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === '--help' || flag === '-h') return 'help';
    if (flag !== '--email' && flag !== '--role' && flag !== '--partner') throw new UsageError(`Unknown option ${flag}`);
    const value = args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    values[flag.slice(2)] = value;
  }
  if (!values.email) throw new UsageError('--email is required');
  if (!emailSchema.safeParse(values.email).success) throw new UsageError(`--email "${values.email}" is not an email address`);
  const role = (values.role ?? '').toUpperCase();
  if (role !== 'COORDINATOR' && role !== 'PARTNER') throw new UsageError('--role must be COORDINATOR or PARTNER');
  if (role === 'PARTNER' && !values.partner) throw new UsageError('--role PARTNER needs --partner <partner id>');
  return { email: values.email, role, ...(values.partner ? { partnerId: values.partner } : {}) };
}

async function main(): Promise<void> {
  const args = parseTokenArgs(process.argv.slice(2));
  if (args === 'help') return console.log(tokenUsage);
  const secret = process.env.DEV_JWT_SECRET || ensureDevSecrets().devJwtSecret;
  console.log(await signDevToken(secret, args));
  console.error('Valid for 12 hours. Send it as the header  Authorization: Bearer <token>');
}

if (require.main === module) runCli(main, tokenUsage, { exitWhenDone: true });
