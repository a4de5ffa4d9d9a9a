/**
 * Standard facility sets: compare each site with the facilities the plan's rules say it should have,
 * and add the missing ones — for chosen sites or every site of a region — as one action (one undo
 * step). A generated facility is scheduled to finish with its site (planned start = the site's start,
 * planned end = its completion, else its move-in date), the "built simultaneously" promise.
 */
import type { StandardGap, StandardPreview } from '../../../shared/api/facilities-api.ts'
import type { ChangeResult } from '../../../shared/api/changes.ts'
import type { RowValues } from '../../../shared/dictionary/types.ts'
import { standardSetFor, type StandardItem } from '../../../shared/facilities/standard-rules.ts'
import type { Plan } from '../plan.ts'
import type { SiteBrief } from '../repositories/facility-schedule-repository.ts'
import { planCatalogue, planRules, scheduleRepo } from './facility-context.ts'

export interface StandardScope {
  siteIds?: readonly number[] | undefined
  region?: string | null | undefined
}

interface SiteGap {
  site: SiteBrief
  missing: StandardItem[]
}

/** Sites in scope with the standard items they lack. */
export function standardGaps(plan: Plan, scope: StandardScope): SiteGap[] {
  const repo = scheduleRepo(plan)
  const sites = scope.siteIds ? repo.sites({ siteIds: scope.siteIds }) : repo.sites({ region: scope.region ?? null })
  const wanted = new Set(sites.map((s) => s.id))
  // what each site has: dictionary types, and names (for a plan's own items stored under a type)
  const have = new Map<number, { types: Set<string>; names: string[] }>()
  const region = scope.siteIds ? null : (scope.region ?? null)
  for (const [siteId, type, name] of repo.siteFacilityTypes(region)) {
    if (!wanted.has(siteId)) continue
    let h = have.get(siteId)
    if (!h) have.set(siteId, (h = { types: new Set(), names: [] }))
    if (type) h.types.add(type)
    if (name) h.names.push(name)
  }
  const catalogue = planCatalogue(plan)
  const { rules } = planRules(plan)
  const out: SiteGap[] = []
  for (const site of sites) {
    const h = have.get(site.id)
    const missing = standardSetFor(site, rules, catalogue).filter((item) => {
      if (!h) return true
      const extra = catalogue.byKey.get(item.item)?.extra ?? false
      return extra ? !h.names.some((n) => n.includes(item.item)) : !h.types.has(item.type)
    })
    if (missing.length > 0) out.push({ site, missing })
  }
  return out
}

export function standardPreview(plan: Plan, scope: StandardScope): StandardPreview {
  const gaps = standardGaps(plan, scope)
  const sites = scope.siteIds ? scope.siteIds.length : scheduleRepo(plan).sites({ region: scope.region ?? null }).length
  const list: StandardGap[] = gaps.map((g) => ({ siteId: g.site.id, siteName: g.site.name, missing: g.missing.map((m) => m.item) }))
  return { sites, sitesMissing: gaps.length, facilities: gaps.reduce((n, g) => n + g.missing.length, 0), gaps: list.slice(0, 500) }
}

/** The facility row a standard item becomes at a site. */
export function standardFacilityRow(site: SiteBrief, item: StandardItem): RowValues {
  const name = `${site.name}${item.item.replace('/', '')}`
  return {
    site_id: site.id,
    name,
    category: item.category,
    type: item.type,
    nature: '新建',
    scale: item.scale,
    scale_unit: item.unit,
    planned_start: site.start_date,
    planned_end: site.completion_date ?? site.move_in_date,
    status: '未开工',
    notes: '按配建标准生成',
  }
}

/** Add every missing standard facility in scope as one action. */
export function generateStandard(plan: Plan, scope: StandardScope): { change: ChangeResult; added: number; sites: number } {
  const gaps = standardGaps(plan, scope)
  const added = gaps.reduce((n, g) => n + g.missing.length, 0)
  const label =
    gaps.length === 1
      ? { zh: `为“${gaps[0]!.site.name}”生成配建设施 ${added} 项`, en: `Generate ${added} standard facilities for ${gaps[0]!.site.name}` }
      : { zh: `为 ${gaps.length} 个安置点生成配建设施 ${added} 项`, en: `Generate ${added} standard facilities for ${gaps.length} sites` }
  const change = plan.actions.run('facilities.generateStandard', label, (rec) => {
    for (const g of gaps) for (const item of g.missing) rec.insert('facility', standardFacilityRow(g.site, item))
  })
  return { change, added, sites: gaps.length }
}
