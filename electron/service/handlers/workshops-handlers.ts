/**
 * Workshop handlers: coverage, map data, the placement optimizer (with progress events, a time limit and
 * cancel by task id), applying a proposal as one action, and the optimizer's settings.
 */
import { appError } from '../../../shared/api/errors.ts'
import type { Handlers } from '../service-context.ts'
import { applyProposals } from '../optimizer/apply-proposal.ts'
import { placeWorkshops } from '../optimizer/place.ts'
import { placementSettings, savePlacementSettings } from '../optimizer/placement-settings.ts'
import { planCoverage } from '../workshops/coverage.ts'
import { mapData } from '../workshops/map-data.ts'
import { ensureWritable } from './plan-helpers.ts'

type WorkshopsMethods = 'workshops.coverage' | 'workshops.mapData' | 'workshops.place' | 'workshops.cancel' | 'workshops.applyProposal' | 'workshops.getSettings' | 'workshops.setSettings'

/** Placement runs in progress, by task id, so a second call can cancel one. */
const running = new Map<string, AbortController>()
let taskSeq = 0

export const workshopsHandlers: Handlers<WorkshopsMethods> = {
  'workshops.coverage': ({ region, radiusKm }, ctx) => planCoverage(ctx.plan(), region ?? null, radiusKm),
  'workshops.mapData': ({ region }, ctx) => mapData(ctx.plan(), region ?? null),
  'workshops.place': async (input, ctx) => {
    const taskId = input.taskId ?? `place-${++taskSeq}`
    if (running.has(taskId)) throw appError('CONFLICT', '该选址任务正在运行', 'This placement task is already running')
    const controller = new AbortController()
    ctx.signal?.addEventListener('abort', () => controller.abort())
    running.set(taskId, controller)
    const limit = input.timeLimitS ?? 30
    try {
      const result = await placeWorkshops(ctx.plan(), input, {
        signal: controller.signal,
        onProgress: (p) => {
          const gap = p.gap !== null && Number.isFinite(p.gap) ? `${(p.gap * 100).toFixed(2)}%` : '—'
          const best = p.primal !== null && Number.isFinite(p.primal) ? Math.round(p.primal) : '—'
          const label =
            p.phase === 'before'
              ? { zh: '选址：计算现有车间覆盖…', en: 'Placement: coverage of existing workshops…' }
              : p.phase === 'mip'
                ? { zh: `选址求解中：${p.seconds.toFixed(1)} 秒，当前最优 ${best}，间隙 ${gap}`, en: `Solving placement: ${p.seconds.toFixed(1)} s, best ${best}, gap ${gap}` }
                : { zh: `计算各方案边际价值：${p.done ?? 0}/${p.total ?? 0}`, en: `Marginal value of each proposal: ${p.done ?? 0}/${p.total ?? 0}` }
          ctx.emit('progress', { taskId, label, done: Math.min(limit, p.seconds), total: limit })
        },
      })
      ctx.emit('progress', { taskId, label: { zh: '选址完成', en: 'Placement done' }, done: limit, total: limit, finished: true })
      return result
    } catch (e) {
      ctx.emit('progress', { taskId, label: { zh: '选址已停止', en: 'Placement stopped' }, done: 0, total: limit, finished: true })
      throw e
    } finally {
      running.delete(taskId)
    }
  },
  'workshops.cancel': ({ taskId }) => {
    const c = running.get(taskId)
    if (!c) return { cancelled: false }
    c.abort()
    return { cancelled: true }
  },
  'workshops.applyProposal': ({ proposals }, ctx) => {
    const plan = ensureWritable(ctx.plan())
    const result = applyProposals(plan, proposals)
    if (result.setId !== null) ctx.emit('plan.changed', result)
    return result
  },
  'workshops.getSettings': (_i, ctx) => placementSettings(ctx.plan()),
  'workshops.setSettings': (patch, ctx) => savePlacementSettings(ensureWritable(ctx.plan()), patch),
}
