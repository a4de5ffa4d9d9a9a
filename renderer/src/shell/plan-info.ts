/**
 * The plan info the shell shows, made safe to render: whatever arrives from plan.info or a
 * plan.opened event (a plan written by another version, a half-empty file opened by an older build,
 * a service that failed half-way) becomes a PlanInfo whose every field has its expected type, so no
 * page or the title bar breaks on a missing count and the user can still reach the plan menu.
 */
import type { PlanInfo } from '../../../shared/api/plan-api.ts'

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback)
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {})

/** null when there is nothing that looks like plan info at all (then the shell shows “…”). */
export function normalizePlanInfo(raw: unknown): PlanInfo | null {
  if (typeof raw !== 'object' || raw === null) return null
  const r = obj(raw)
  const counts = obj(r['counts'])
  const reason = obj(r['readOnlyReason'])
  const path = str(r['path'])
  return {
    path,
    isSample: r['isSample'] === true,
    readOnly: r['readOnly'] === true,
    ...(typeof reason['zh'] === 'string' && typeof reason['en'] === 'string' ? { readOnlyReason: { zh: reason['zh'], en: reason['en'] } } : {}),
    schemaVersion: num(r['schemaVersion']),
    // a plan without a title is still named: by its file
    title: str(r['title']) || path.replace(/^.*[\\/]/, '') || '安居规划',
    provinceCode: str(r['provinceCode']),
    provinceName: str(r['provinceName']),
    counts: { site: num(counts['site']), facility: num(counts['facility']), workshop: num(counts['workshop']) },
  }
}
