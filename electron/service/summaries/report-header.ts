/**
 * The official header and footer text of a printed summary, from the plan settings: the title
 * (贵州省易地扶贫搬迁安置点建设及后续扶持情况统计表), the as-of line (（截至2020年12月底）), the unit line and
 * the footer (编制单位, 填表人, 审核人, date).
 */
import type { ReportHeader } from '../../../shared/api/reports-api.ts'
import type { PlanSettings } from '../../../shared/settings.ts'
import type { Scope } from './region-scope.ts'

const STATS_TITLE = '易地扶贫搬迁安置点建设及后续扶持情况统计表'

/** 2020-12-31 → （截至2020年12月底）; 2020-06-15 → （截至2020年6月15日）; 2020-06 → （截至2020年6月底） */
export function asOfLine(asOf: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(asOf)
  if (!m) return ''
  const y = Number(m[1])
  const mo = Number(m[2])
  if (m[3] === undefined) return `（截至${y}年${mo}月底）`
  const d = Number(m[3])
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate()
  return d === last ? `（截至${y}年${mo}月底）` : `（截至${y}年${mo}月${d}日）`
}

export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso)
  if (!m) return iso
  return m[3] === undefined ? `${Number(m[1])}年${Number(m[2])}月` : `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`
}

/**
 * The title for a scope: the plan title with 规划 turned into 情况统计表, its province name replaced by
 * the scope's full name (贵州省黔南布依族苗族自治州…); the standard title when the plan title says nothing usable.
 */
export function reportTitle(settings: PlanSettings, scope: Scope, provinceName: string): string {
  let base = settings.plan_title.trim()
  if (base.endsWith('规划')) base = `${base.slice(0, -2)}情况统计表`
  if (!base.endsWith('表')) base = `${base}情况统计表`
  if (provinceName && base.startsWith(provinceName)) base = base.slice(provinceName.length)
  if (!base.includes('易地扶贫搬迁')) base = STATS_TITLE
  return `${scope.fullName}${base}`
}

export function reportHeader(settings: PlanSettings, scope: Scope, provinceName: string, unitLine: string): ReportHeader {
  return {
    title: reportTitle(settings, scope, provinceName),
    asOf: asOfLine(settings.as_of_date),
    unitLine,
    compilingUnit: settings.compiling_unit,
    preparer: settings.preparer,
    reviewer: settings.reviewer,
    date: chineseDate(settings.as_of_date),
    scopeName: scope.fullName,
    scopeCode: scope.code,
  }
}
