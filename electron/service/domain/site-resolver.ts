/**
 * Facilities and workshops name their site by code or by name, and a site name (幸福社区, 易地扶贫搬迁
 * 安置点) often repeats in another county. This resolver finds the site a text names: a code first; a
 * name within the row's county when the county is known; a name shared by sites that the county cannot
 * tell apart is refused with every candidate's code rather than guessed. Paste and import both use it;
 * the import adds the sites a workbook inserts itself (negative placeholder ids until the commit).
 */
import type { Label } from '../../../shared/dictionary/types.ts'
import { normalizeLabel } from '../../../shared/values/normalize-text.ts'
import type { Plan } from '../plan.ts'

export interface SiteCandidate {
  /** a site id, or a negative placeholder of a site the import inserts */
  id: number
  code: string | null
  name: string
  countyCode: string | null
}

export type SiteResolution = number | null | { reason: Label }

export class SiteResolver {
  private readonly byCode = new Map<string, SiteCandidate>()
  private readonly byName = new Map<string, SiteCandidate[]>()
  private readonly byId = new Map<number, SiteCandidate>()

  /** every site of the plan (two columns read once) */
  static ofPlan(plan: Plan): SiteResolver {
    const r = new SiteResolver()
    const repo = plan.repos.site
    const codes = new Map(repo.columnPairs('code'))
    const counties = new Map(repo.columnPairs('county_code'))
    for (const [id, name] of repo.columnPairs('name')) {
      const code = codes.get(id)
      const county = counties.get(id)
      r.add({ id, code: typeof code === 'string' && code !== '' ? code : null, name: typeof name === 'string' ? name : '', countyCode: typeof county === 'string' ? county : null })
    }
    return r
  }

  add(c: SiteCandidate): void {
    this.byId.set(c.id, c)
    if (c.code) {
      const k = normalizeLabel(c.code)
      if (!this.byCode.has(k)) this.byCode.set(k, c)
    }
    if (c.name) {
      const k = normalizeLabel(c.name)
      const list = this.byName.get(k)
      if (list) list.push(c)
      else this.byName.set(k, [c])
    }
  }

  get(id: number): SiteCandidate | undefined {
    return this.byId.get(id)
  }

  /** The site `text` names (a code, or a name within `countyCode` when given); an ambiguous name gives the reason. */
  resolve(text: string, countyCode?: string | null): SiteResolution {
    const k = normalizeLabel(text)
    const byCode = this.byCode.get(k)
    if (byCode) return byCode.id
    const all = this.byName.get(k)
    if (!all || all.length === 0) return null
    if (all.length === 1) return all[0]!.id
    const inCounty = countyCode ? all.filter((c) => c.countyCode === countyCode) : []
    if (inCounty.length === 1) return inCounty[0]!.id
    const list = (inCounty.length > 1 ? inCounty : all).map((c) => c.code ?? `${c.countyCode ?? '?'}（新增）`).join('、')
    const listEn = (inCounty.length > 1 ? inCounty : all).map((c) => c.code ?? `${c.countyCode ?? '?'} (new)`).join(', ')
    return {
      reason: {
        zh: `安置点“${text}”不唯一：${list}；请填写安置点编码${countyCode ? '' : '或所属县'}`,
        en: `Site "${text}" is ambiguous: ${listEn}; give the site code${countyCode ? '' : ' or the county'}`,
      },
    }
  }
}
