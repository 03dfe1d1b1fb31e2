import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { UnderTimeZoneOutput } from './print-under-time-zone';

/** Runs print-under-time-zone.ts in a Node process whose own zone is `tz`. */
export function runUnderTimeZone(tz: string): UnderTimeZoneOutput {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'print-under-time-zone.ts')], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`child process failed: ${result.stderr || result.error?.message}`);
  return JSON.parse(result.stdout) as UnderTimeZoneOutput;
}
