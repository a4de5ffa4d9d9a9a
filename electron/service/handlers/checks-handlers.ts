/**
 * Check handlers: the rule catalogue, region and incremental checks, explanations (one undo step each,
 * through plan.actions and the explanation table registered with it), and the Excel export.
 */
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { CheckReport, RowChecks, RuleInfo } from '../../../shared/api/checks-api.ts'
import { appError } from '../../../shared/api/errors.ts'
import type { EntityKey } from '../../../shared/dictionary/types.ts'
import { RULES, ruleById, type Violation } from '../../../shared/rules/index.ts'
import type { RowTargets } from '../checks/check-engine.ts'
import { exportViolations, sortViolations } from '../checks/check-export.ts'
import type { Plan } from '../plan.ts'
import { EXPLANATION_TABLE } from '../repositories/check-repository.ts'
import type { Handlers, ServiceContext } from '../service-context.ts'
import { ensureWritable } from './plan-helpers.ts'

type ChecksMethods = 'checks.rules' | 'checks.run' | 'checks.forRows' | 'checks.forChange' | 'checks.explain' | 'checks.unexplain' | 'checks.export'

export function ruleInfos(): RuleInfo[] {
  return RULES.map((r) => ({ id: r.id, severity: r.severity, scope: r.scope, entity: r.entity, field: r.field, fields: [...r.fields], title: r.title, domainCheck: r.domainCheck }))
}

/** Check a region (the whole plan without one): violations sorted errors first, with counts. */
export function runChecks(plan: Plan, region: string | null, entity?: EntityKey, limit = 200000): CheckReport {
  // an unknown code would silently check nothing and report a clean plan
  if (region !== null && !plan.regions.get(region))
    throw appError('NOT_FOUND', `未找到区划代码 ${region}：请填写省、市（州）或县的 6 位代码`, `No region has the code ${region}: give the 6-digit code of a province, prefecture or county`)
  const t0 = performance.now()
  const all = sortViolations(plan.checks.evaluateRegion(region, entity))
  const counts = { error: 0, warning: 0, explained: 0 }
  for (const v of all) {
    if (v.explained) counts.explained++
    else counts[v.severity]++
  }
  return { violations: all.length > limit ? all.slice(0, limit) : all, total: all.length, truncated: all.length > limit, counts, ms: Math.round(performance.now() - t0) }
}

function rowChecks(plan: Plan, targets: RowTargets): RowChecks {
  const checked: RowChecks['checked'] = {}
  for (const [e, ids] of targets) checked[e] = [...ids]
  return { checked, violations: plan.checks.evaluateRows(targets) }
}

function currentViolation(plan: Plan, ruleId: string, entity: EntityKey, rowId: number, field: string): Violation | undefined {
  return plan.checks.evaluateRows(new Map([[entity, new Set([rowId])]])).find((v) => v.ruleId === ruleId && v.field === field && v.entity === entity)
}

function emit<T extends { setId: number | null }>(ctx: ServiceContext, result: T & Parameters<ServiceContext['emit']>[1]): T {
  if (result.setId !== null) ctx.emit('plan.changed', result as never)
  return result
}

export const checksHandlers: Handlers<ChecksMethods> = {
  'checks.rules': () => ruleInfos(),
  'checks.run': ({ region, entity, limit }, ctx) => runChecks(ctx.plan(), region ?? null, entity, limit),
  'checks.forRows': ({ entity, ids }, ctx) => {
    const plan = ctx.plan()
    return rowChecks(plan, plan.checks.withDependents(new Map([[entity, new Set(ids)]])))
  },
  'checks.forChange': ({ setId }, ctx) => {
    const plan = ctx.plan()
    return rowChecks(plan, plan.checks.targetsOfChangeSet(setId))
  },
  'checks.explain': ({ ruleId, entity, rowId, field, comment }, ctx) => {
    const plan = ensureWritable(ctx.plan())
    const rule = ruleById(ruleId)
    if (!rule) throw appError('NOT_FOUND', `没有规则“${ruleId}”`, `No rule "${ruleId}"`)
    if (rule.severity === 'error') throw appError('INVALID_INPUT', `“${rule.title.zh}”是错误，只能改正，不能说明`, `"${rule.title.en}" is an error: it must be corrected, not explained`)
    const v = currentViolation(plan, ruleId, entity, rowId, field)
    if (!v) throw appError('NOT_FOUND', `该行当前没有违反“${rule.title.zh}”`, `The row does not break "${rule.title.en}" now`)
    const old = plan.checks.repo.findExplanation(ruleId, entity, rowId, field)
    const label = { zh: `说明检查结果：${rule.title.zh}（${v.rowKey}）`, en: `Explain check: ${rule.title.en} (${v.rowKey})` }
    const result = plan.actions.run('explain', label, (rec) => {
      if (old) rec.deleteAux(EXPLANATION_TABLE, old.id)
      rec.insertAux(EXPLANATION_TABLE, { rule_id: ruleId, entity, row_id: rowId, field, comment, created_at: new Date().toISOString() })
    })
    return emit(ctx, result)
  },
  'checks.unexplain': ({ ruleId, entity, rowId, field }, ctx) => {
    const plan = ensureWritable(ctx.plan())
    const old = plan.checks.repo.findExplanation(ruleId, entity, rowId, field)
    if (!old) throw appError('NOT_FOUND', '该检查结果没有说明', 'This check result has no explanation')
    const title = ruleById(ruleId)?.title ?? { zh: ruleId, en: ruleId }
    const result = plan.actions.run('explain', { zh: `撤回说明：${title.zh}`, en: `Withdraw explanation: ${title.en}` }, (rec) => rec.deleteAux(EXPLANATION_TABLE, old.id))
    return emit(ctx, result)
  },
  'checks.export': async ({ path, region }, ctx) => {
    const plan = ctx.plan()
    const abs = resolve(path)
    if (!/\.xlsx$/i.test(abs)) throw appError('INVALID_INPUT', '导出文件名须以 .xlsx 结尾', 'The export file name must end in .xlsx')
    if (!existsSync(dirname(abs))) throw appError('NOT_FOUND', `文件夹“${dirname(abs)}”不存在`, `Folder "${dirname(abs)}" does not exist`)
    const list = sortViolations(plan.checks.evaluateRegion(region ?? null))
    await exportViolations(abs, list, plan.regions, plan.settings.settings().plan_title)
    return { path: abs, count: list.length }
  },
}
