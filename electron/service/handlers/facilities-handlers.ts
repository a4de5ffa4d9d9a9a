/**
 * Facility schedule handlers (设施进度): catalogue and rules in plan settings, standard sets (one
 * action), roll-ups, Gantt data, baselines and slip. The work lives in electron/service/facilities/.
 */
import type { CatalogueView } from '../../../shared/api/facilities-api.ts'
import { buildCatalogue } from '../../../shared/facilities/catalogue.ts'
import { compareBaseline, deleteBaseline, listBaselines, saveBaseline } from '../facilities/baselines.ts'
import { catalogueSettings, planRules, saveCatalogue, saveRules } from '../facilities/facility-context.ts'
import { facilityGantt } from '../facilities/gantt.ts'
import { facilityRollup } from '../facilities/facility-rollup.ts'
import { generateStandard, standardPreview } from '../facilities/standard-sets.ts'
import type { Plan } from '../plan.ts'
import type { Handlers } from '../service-context.ts'
import { ensureWritable } from './plan-helpers.ts'

type FacilitiesMethods =
  | 'facilities.catalogue'
  | 'facilities.setCatalogue'
  | 'facilities.setRules'
  | 'facilities.standardPreview'
  | 'facilities.generateStandard'
  | 'facilities.rollup'
  | 'facilities.gantt'
  | 'facilities.saveBaseline'
  | 'facilities.baselines'
  | 'facilities.deleteBaseline'
  | 'facilities.compare'

function catalogueView(plan: Plan): CatalogueView {
  const settings = catalogueSettings(plan)
  const { rules, isDefault } = planRules(plan)
  return { settings, items: buildCatalogue(settings).items, rules, rulesAreDefault: isDefault }
}

export const facilitiesHandlers: Handlers<FacilitiesMethods> = {
  'facilities.catalogue': (_i, ctx) => catalogueView(ctx.plan()),
  'facilities.setCatalogue': (input, ctx) => {
    const plan = ensureWritable(ctx.plan())
    const result = saveCatalogue(plan, input)
    if (result.setId !== null) ctx.emit('plan.changed', result)
    return catalogueView(plan)
  },
  'facilities.setRules': ({ rules }, ctx) => {
    const plan = ensureWritable(ctx.plan())
    const result = saveRules(plan, rules)
    if (result.setId !== null) ctx.emit('plan.changed', result)
    return catalogueView(plan)
  },
  'facilities.standardPreview': ({ siteIds, region }, ctx) => standardPreview(ctx.plan(), { siteIds, region }),
  'facilities.generateStandard': ({ siteIds, region }, ctx) => {
    const plan = ensureWritable(ctx.plan())
    const out = generateStandard(plan, { siteIds, region })
    if (out.change.setId !== null) ctx.emit('plan.changed', out.change)
    return out
  },
  'facilities.rollup': ({ region }, ctx) => facilityRollup(ctx.plan(), { region: region ?? null }),
  'facilities.gantt': ({ region, siteId }, ctx) => facilityGantt(ctx.plan(), { region: region ?? null, ...(siteId !== undefined ? { siteId } : {}) }),
  'facilities.saveBaseline': ({ name }, ctx) => saveBaseline(ensureWritable(ctx.plan()), name),
  'facilities.baselines': (_i, ctx) => listBaselines(ctx.plan()),
  'facilities.deleteBaseline': ({ id }, ctx) => {
    deleteBaseline(ensureWritable(ctx.plan()), id)
    return { ok: true as const }
  },
  'facilities.compare': ({ baselineId, region }, ctx) => compareBaseline(ctx.plan(), baselineId, region ?? null),
}
