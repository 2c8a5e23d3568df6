import { formatTime, localDateOf, localTimeOf } from '../../../../domain/schedules/index.ts';

/** "Wednesday 2026-12-09 at 14:00 (Europe/Berlin)", plus the reader's own time when it differs. */
export function whenText(at: Date, zone: string, readerTz?: string | null): string {
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: zone }).format(at);
  const base = `${weekday} ${localDateOf(at, zone)} at ${formatTime(localTimeOf(at, zone))} (${zone})`;
  if (!readerTz || readerTz === zone) return base;
  const mine = formatTime(localTimeOf(at, readerTz));
  return mine === formatTime(localTimeOf(at, zone)) ? base : `${base}, ${mine} your time`;
}
