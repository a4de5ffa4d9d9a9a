/**
 * Times from the service are ISO strings in UTC (change log, import batches); people read them in their
 * own time zone, in the sortable form planners use: 2026-11-28 09:30:00.
 */
const pad = (n: number): string => String(n).padStart(2, '0')

/** An ISO time as local "YYYY-MM-DD HH:MM:SS"; text that is not a time comes back as it was. */
export function localDateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}
