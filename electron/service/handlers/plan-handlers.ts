/**
 * Plan handlers: plan info, open/new/save-copy, recent plans, settings, per-plan UI state, regions.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { PlanInfo, RegionNode } from '../../../shared/api/plan-api.ts'
import { appError } from '../../../shared/api/errors.ts'
import { updatePlanSettings } from '../domain/setting-changes.ts'
import { readRecent, rememberRecent } from '../app-state.ts'
import { generateSamplePlan } from '../domain/sample-plan.ts'
import { Plan } from '../plan.ts'
import { planLockedError } from '../safety/plan-lock.ts'
import { regionStats } from '../repositories/region-stats-repository.ts'
import type { Handlers } from '../service-context.ts'
import { ensureWritable } from './plan-helpers.ts'

type PlanMethods =
  | 'plan.info' | 'plan.open' | 'plan.new' | 'plan.saveCopy' | 'plan.recent' | 'plan.provinces'
  | 'settings.get' | 'settings.update' | 'ui.getState' | 'ui.setState' | 'regions.tree' | 'regions.counties'

export function planInfo(plan: Plan): PlanInfo {
  const s = plan.settings.settings()
  return {
    path: plan.path,
    isSample: plan.isSample,
    readOnly: plan.readOnly,
    ...(plan.lockedBy ? { readOnlyReason: planLockedError(plan.path, plan.lockedBy).label } : {}),
    schemaVersion: plan.db.pragma('user_version', { simple: true }) as number,
    title: s.plan_title,
    provinceCode: s.province_code,
    provinceName: plan.regions.get(s.province_code)?.name ?? '',
    counts: { site: plan.repos.site.count(), facility: plan.repos.facility.count(), workshop: plan.repos.workshop.count() },
  }
}

/** The region tree of the plan's province with site counts and people per node. */
export function regionTree(plan: Plan): RegionNode {
  const provinceCode = plan.settings.settings().province_code
  const province = plan.regions.get(provinceCode)
  const stats = regionStats(plan.db)
  const node = (code: string, name: string, level: 1 | 2 | 3, children: RegionNode[]): RegionNode => {
    if (level === 3) {
      const s = stats.get(code)
      return { code, name, level, siteCount: s?.sites ?? 0, people: s?.people ?? 0, children }
    }
    return { code, name, level, siteCount: children.reduce((a, c) => a + c.siteCount, 0), people: children.reduce((a, c) => a + c.people, 0), children }
  }
  const prefectures = plan.regions.children(provinceCode).map((p) =>
    node(p.code, p.name, 2, plan.regions.children(p.code).map((c) => node(c.code, c.name, 3, []))),
  )
  return node(provinceCode, province?.name ?? provinceCode, 1, prefectures)
}

export const planHandlers: Handlers<PlanMethods> = {
  'plan.info': (_i, ctx) => planInfo(ctx.plan()),
  'plan.open': ({ path, readOnly }, ctx) => {
    const abs = resolve(path)
    const plan = Plan.open(abs, { readOnly: readOnly ?? false, ifLocked: 'readOnly' })
    ctx.replacePlan(plan)
    rememberRecent(ctx.appDir, abs, plan.settings.settings().plan_title)
    const info = planInfo(plan)
    ctx.emit('plan.opened', info)
    return info
  },
  'plan.new': ({ path, provinceCode, sample }, ctx) => {
    const abs = resolve(path)
    if (existsSync(abs)) throw appError('CONFLICT', `文件“${abs}”已存在，请另选文件名`, `"${abs}" already exists; choose another name`)
    const plan = sample ? generateSamplePlan(abs, { provinceCode }) : Plan.create(abs, provinceCode)
    ctx.replacePlan(plan)
    rememberRecent(ctx.appDir, abs, plan.settings.settings().plan_title)
    const info = planInfo(plan)
    ctx.emit('plan.opened', info)
    return info
  },
  'plan.saveCopy': async ({ path, open }, ctx) => {
    const abs = resolve(path)
    if (existsSync(abs)) throw appError('CONFLICT', `文件“${abs}”已存在，请另选文件名`, `"${abs}" already exists; choose another name`)
    const plan = ctx.plan()
    await plan.db.backup(abs)
    if (open) {
      const copy = Plan.open(abs)
      ctx.replacePlan(copy)
      rememberRecent(ctx.appDir, abs, copy.settings.settings().plan_title)
      const info = planInfo(copy)
      ctx.emit('plan.opened', info)
      return info
    }
    return planInfo(plan)
  },
  'plan.recent': (_i, ctx) => readRecent(ctx.appDir),
  'plan.provinces': (_i, ctx) => ctx.plan().regions.all().filter((r) => r.level === 1).map((r) => ({ code: r.code, name: r.name })),
  'settings.get': (_i, ctx) => ctx.plan().settings.settings(),
  'settings.update': (patch, ctx) => {
    const plan = ensureWritable(ctx.plan())
    const { settings: next, result } = updatePlanSettings(plan.actions, plan.settings, patch)
    if (result.setId !== null) {
      ctx.emit('plan.changed', result)
      ctx.emit('plan.opened', planInfo(plan))
    }
    return next
  },
  'ui.getState': ({ key }, ctx) => ctx.plan().settings.getRaw(`ui:${key}`) ?? null,
  'ui.setState': ({ key, value, plan: forPlan }, ctx) => {
    const plan = ctx.plan()
    // a grid's layout saved for the plan that was open when it changed never lands in the next one
    if (!plan.readOnly && (forPlan === undefined || forPlan === plan.path)) plan.settings.setRaw(`ui:${key}`, value)
    return { ok: true }
  },
  'regions.tree': (_i, ctx) => regionTree(ctx.plan()),
  'regions.counties': ({ within }, ctx) => {
    const plan = ctx.plan()
    const under = within ?? plan.settings.settings().province_code
    return plan.regions.counties(under).map((c) => ({ code: c.code, name: c.name, prefecture: plan.regions.get(c.parentCode ?? '')?.name ?? '' }))
  },
}
