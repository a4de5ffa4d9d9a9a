/**
 * Small helpers handlers share: refusing writes to a read-only plan, looking sites up by code or
 * name, numbering new sites.
 */
import { appError } from '../../../shared/api/errors.ts'
import { normalizeLabel } from '../../../shared/values/normalize-text.ts'
import type { Plan } from '../plan.ts'

export function ensureWritable(plan: Plan): Plan {
  if (plan.readOnly)
    throw appError('READ_ONLY', '该规划以只读方式打开（可能正被另一个窗口或命令行编辑），无法修改', 'This plan is open read-only (another window or the command line may be editing it); changes are not possible')
  return plan
}

/** A resolver from a site code or name to its id; built once per call, then map lookups. */
export function siteLookup(plan: Plan): (text: string) => number | null {
  let byKey: Map<string, number | null> | null = null
  return (text: string) => {
    if (!byKey) {
      byKey = new Map()
      for (const [id, code] of plan.repos.site.columnPairs('code')) if (typeof code === 'string') byKey.set(normalizeLabel(code), id)
      for (const [id, name] of plan.repos.site.columnPairs('name')) {
        if (typeof name !== 'string') continue
        const k = normalizeLabel(name)
        // a name shared by two sites is ambiguous: refuse rather than guess
        byKey.set(k, byKey.has(k) && byKey.get(k) !== id ? null : id)
      }
    }
    return byKey.get(normalizeLabel(text)) ?? null
  }
}

export function nextSiteCode(plan: Plan, countyCode: string): string {
  return `${countyCode}-${String(plan.repos.site.maxSiteSeq(countyCode) + 1).padStart(3, '0')}`
}
