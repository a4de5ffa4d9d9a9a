/**
 * Small helpers handlers share: refusing writes to a read-only plan, looking sites up by code or
 * name, numbering new sites.
 */
import { appError } from '../../../shared/api/errors.ts'
import { SiteResolver, type SiteResolution } from '../domain/site-resolver.ts'
import type { Plan } from '../plan.ts'

export function ensureWritable(plan: Plan): Plan {
  if (plan.readOnly)
    throw appError('READ_ONLY', '该规划以只读方式打开（可能正被另一个窗口或命令行编辑），无法修改', 'This plan is open read-only (another window or the command line may be editing it); changes are not possible')
  return plan
}

/** A resolver from a site code or name to its id; built on first use, then map lookups. A name two sites share is refused with their codes. */
export function siteLookup(plan: Plan): (text: string) => SiteResolution {
  let resolver: SiteResolver | null = null
  return (text: string) => (resolver ??= SiteResolver.ofPlan(plan)).resolve(text)
}

export function nextSiteCode(plan: Plan, countyCode: string): string {
  return `${countyCode}-${String(plan.repos.site.maxSiteSeq(countyCode) + 1).padStart(3, '0')}`
}
