/**
 * Baselines: the approved schedule saved under a name (every facility's four dates), and the current
 * schedule compared with one — start and finish slip in days per facility, rolled up by site and
 * county. On both sides a date is the actual one where recorded, else the planned one (as a
 * scheduling tool's "current vs baseline finish"), so right after saving every slip is 0; month-only
 * dates are read at the same edge on both sides, so a month's slip is that month's length.
 */
import type { BaselineCompare, BaselineInfo, SlipSummary } from '../../../shared/api/facilities-api.ts'
import { appError } from '../../../shared/api/errors.ts'
import { slipDays } from '../../../shared/facilities/schedule.ts'
import type { Plan } from '../plan.ts'
import type { BaselineRow } from '../repositories/facility-schedule-repository.ts'
import { scheduleRepo } from './facility-context.ts'

const info = (b: BaselineRow): BaselineInfo => ({ id: b.id, name: b.name, createdAt: b.created_at, items: b.items })

export function saveBaseline(plan: Plan, name: string): BaselineInfo {
  const repo = scheduleRepo(plan)
  if (repo.baselineByName(name)) throw appError('CONFLICT', `已有名为“${name}”的基线，请换一个名称`, `A baseline named "${name}" already exists; choose another name`)
  const id = repo.saveBaseline(name, new Date().toISOString())
  return info(repo.baseline(id)!)
}

export function listBaselines(plan: Plan): BaselineInfo[] {
  return scheduleRepo(plan).baselines().map(info)
}

export function deleteBaseline(plan: Plan, id: number): void {
  if (!scheduleRepo(plan).deleteBaseline(id)) throw appError('NOT_FOUND', `找不到基线（${id}）`, `Baseline ${id} was not found`)
}

class SlipAcc {
  facilities = 0
  slipped = 0
  max = 0
  sum = 0
  counted = 0
  add(finish: number | null): void {
    this.facilities++
    if (finish === null) return
    this.counted++
    this.sum += finish
    if (finish > 0) this.slipped++
    if (finish > this.max) this.max = finish
  }
  summary(): SlipSummary {
    return { facilities: this.facilities, slipped: this.slipped, maxSlip: this.max, avgSlip: this.counted ? Math.round((this.sum / this.counted) * 10) / 10 : 0 }
  }
}

export function compareBaseline(plan: Plan, baselineId: number, region: string | null): BaselineCompare {
  const repo = scheduleRepo(plan)
  const b = repo.baseline(baselineId)
  if (!b) throw appError('NOT_FOUND', `找不到基线（${baselineId}）`, `Baseline ${baselineId} was not found`)
  const items: BaselineCompare['items'] = []
  const periods: BaselineCompare['periods'] = []
  const bySite = new Map<number, { acc: SlipAcc; county: string }>()
  const byCounty = new Map<string, SlipAcc>()
  const total = new SlipAcc()
  let added = 0
  for (const r of repo.compareRows(baselineId, region)) {
    const [id, siteId, county, ps, pe, as, ae, bps, bpe, bas, bae, inBaseline] = r
    if (!inBaseline) {
      added++
      continue
    }
    const startSlip = slipDays(as ?? ps, bas ?? bps, 'start')
    const finishSlip = slipDays(ae ?? pe, bae ?? bpe, 'end')
    items.push([id, siteId, startSlip, finishSlip])
    periods.push([id, typeof bps === 'string' ? bps : null, typeof bpe === 'string' ? bpe : null])
    let s = bySite.get(siteId)
    if (!s) bySite.set(siteId, (s = { acc: new SlipAcc(), county: county }))
    s.acc.add(finishSlip)
    let c = byCounty.get(county)
    if (!c) byCounty.set(county, (c = new SlipAcc()))
    c.add(finishSlip)
    total.add(finishSlip)
  }
  const siteNames = new Map(repo.sites({ siteIds: [...bySite.keys()] }).map((s) => [s.id, s.name]))
  return {
    baseline: info(b),
    items,
    periods,
    added,
    removed: repo.removedSince(baselineId),
    bySite: [...bySite].map(([siteId, s]) => ({ siteId, name: siteNames.get(siteId) ?? String(siteId), countyCode: s.county, ...s.acc.summary() })),
    byCounty: [...byCounty].map(([code, acc]) => ({ code, name: plan.regions.get(code)?.name ?? code, ...acc.summary() })),
    total: total.summary(),
  }
}
