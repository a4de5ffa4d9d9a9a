/**
 * "Apply": the proposed workshops become planned workshops (运营状态 规划) in ONE action, so one undo
 * removes them all. Each is attached to the site it serves most, with the township and the great-circle
 * distance to that site; the designed posts are the proposal's jobs and nobody is employed there yet.
 */
import type { ChangeResult } from '../../../shared/api/changes.ts'
import { appError } from '../../../shared/api/errors.ts'
import { fieldOf } from '../../../shared/dictionary/index.ts'
import type { RowValues } from '../../../shared/dictionary/types.ts'
import { coerceField } from '../../../shared/values/coerce.ts'
import { coerceContext } from '../handlers/rows-handlers.ts'
import type { Plan } from '../plan.ts'
import { distanceKm } from '../workshops/geo.ts'

export interface ProposalToApply {
  name: string
  lat: number
  lon: number
  mainSiteId: number | null
  jobs: number
  covered?: number | undefined
}

export function applyProposals(plan: Plan, proposals: readonly ProposalToApply[], today = new Date().toISOString().slice(0, 10)): ChangeResult {
  const ctx = coerceContext(plan)
  // every value through the dictionary, as a typed or pasted one would be
  const coerce = (raw: RowValues): RowValues => {
    const out: RowValues = {}
    for (const [key, value] of Object.entries(raw)) {
      const field = fieldOf('workshop', key)
      if (!field) throw new Error(`unknown workshop field ${key}`)
      const r = coerceField(field, value, ctx)
      if (!r.ok) throw appError('INVALID_INPUT', r.reason.zh, r.reason.en)
      out[key] = r.value
    }
    return out
  }
  const rows: RowValues[] = proposals.map((p) => {
    const site = p.mainSiteId !== null ? plan.repos.site.get(p.mainSiteId) : undefined
    if (p.mainSiteId !== null && !site) throw appError('NOT_FOUND', `找不到安置点（${p.mainSiteId}），方案可能已过期，请重新计算`, `Site ${p.mainSiteId} not found: the proposal may be stale, run it again`)
    const sLat = typeof site?.['lat'] === 'number' ? site['lat'] : null
    const sLon = typeof site?.['lon'] === 'number' ? site['lon'] : null
    const km = sLat !== null && sLon !== null ? Math.round(distanceKm(p.lat, p.lon, sLat, sLon) * 100) / 100 : null
    const covered = p.covered !== undefined ? `，预计吸纳待就业劳动力 ${Math.round(p.covered)} 人` : ''
    return coerce({
      name: p.name,
      site_id: site ? site.id : null,
      township: (site?.['township'] as string | null | undefined) ?? null,
      distance_km: km,
      lat: Math.round(p.lat * 1e6) / 1e6,
      lon: Math.round(p.lon * 1e6) / 1e6,
      jobs: 0,
      designed_jobs: p.jobs,
      op_status: '规划',
      notes: `选址优化建议（${today}）${covered}`,
    })
  })
  const n = rows.length
  return plan.actions.run('workshops.apply', { zh: `按选址方案新增 ${n} 个规划车间`, en: `Add ${n} planned workshop(s) from the placement proposal` }, (rec) => {
    for (const r of rows) rec.insert('workshop', r)
  })
}
