/**
 * Evaluates the rule catalogue (shared/rules) against a plan: over a whole region for the 检查 page
 * and the CLI, and incrementally for the rows an action touched plus the rows that depend on them
 * (a site's move-in date re-checks its facilities; a facility or workshop re-checks its site's
 * aggregate rules). The whole-region pass reads only the columns the rules need and lets SQLite count
 * each site's facilities by type and its active workshops.
 */
import type { EntityKey, Label, RowValues } from '../../../shared/dictionary/index.ts'
import { ENTITIES, fieldOf } from '../../../shared/dictionary/index.ts'
import {
  aggregateFacilityTypes,
  DEREGISTERED,
  rowRules,
  rowSiteRules,
  siteAggregateRules,
  type Explanation,
  type Rule,
  type RuleContext,
  type SiteAggregate,
  type Violation,
} from '../../../shared/rules/index.ts'
import type { Repositories } from '../repositories/entity-repository.ts'
import { CheckRepository, type ChangeBefore, type SiteAggregateRow } from '../repositories/check-repository.ts'
import type { RegionRepository } from '../repositories/region-repository.ts'
import type { SettingsRepository } from '../repositories/settings-repository.ts'

export interface CheckSources {
  db: import('better-sqlite3').Database
  repos: Repositories
  regions: RegionRepository
  settings: SettingsRepository
}

export type RowTargets = Map<EntityKey, Set<number>>

const EMPTY_AGG: SiteAggregate = { facilityTypes: {}, activeWorkshops: 0 }

function explanationKey(ruleId: string, entity: string, rowId: number, field: string): string {
  return `${ruleId}|${entity}|${rowId}|${field}`
}

function add(targets: RowTargets, entity: EntityKey, id: number): void {
  let s = targets.get(entity)
  if (!s) targets.set(entity, (s = new Set()))
  s.add(id)
}

/** What names a row for people in a list of violations. */
function rowKeyOf(entity: EntityKey, row: RowValues, site: RowValues | undefined): string {
  const name = String(row['name'] ?? '')
  if (entity === 'site') return [row['code'], name].filter((x) => x).join(' ')
  return site ? `${String(site['name'] ?? '')} / ${name}` : name
}

export class CheckEngine {
  readonly repo: CheckRepository
  private readonly src: CheckSources

  constructor(src: CheckSources) {
    this.src = src
    this.repo = new CheckRepository(src.db)
  }

  /** What the rules may ask beyond the row, built once per evaluation. */
  context(): RuleContext {
    const settings = this.src.settings.settings()
    const regions = this.src.regions
    const counties = new Map<string, { name: string; provinceCode: string } | undefined>()
    return {
      settings,
      county: (code) => {
        if (!counties.has(code)) {
          const r = regions.get(code)
          counties.set(code, r && r.level === 3 ? { name: r.name, provinceCode: r.provinceCode } : undefined)
        }
        return counties.get(code)
      },
      countyNameAgrees: (code, name) => regions.resolveCounty(name, { within: code.slice(0, 4) })?.code === code,
      provinceName: regions.get(settings.province_code)?.name ?? settings.province_code,
    }
  }

  // ------------------------------------------------------------------ whole plan or region

  /** Every violation in a region (the whole plan without one), optionally of one entity only. */
  evaluateRegion(region: string | null, entity?: EntityKey, opts: { prefilter?: boolean } = {}): Violation[] {
    const ctx = this.context()
    const out: Violation[] = []
    const want = (e: EntityKey): boolean => entity === undefined || entity === e
    // sites stream through one reused row object; a small parent record per site stays for its facilities and workshops
    const parentKeys = new Set(['code', 'name', 'county_code'])
    for (const e of ['facility', 'workshop'] as const) for (const r of rowSiteRules(e)) for (const f of r.siteFields) parentKeys.add(f)
    const siteKeySet = new Set(parentKeys)
    const siteRules = rowRules('site')
    const aggRules = siteAggregateRules()
    if (want('site')) for (const r of [...siteRules, ...aggRules]) for (const f of r.fields) siteKeySet.add(f)
    const siteKeys = [...siteKeySet]
    const parentList = [...parentKeys]
    const bools = siteKeys.map((k) => fieldOf('site', k)?.type === 'bool')
    const aggs = want('site') ? this.repo.siteAggregates(aggregateFacilityTypes(), DEREGISTERED, region) : new Map<number, SiteAggregateRow>()
    const sites = new Map<number, RowValues>()
    const siteRow: RowValues = {}
    this.repo.eachRowForRegion('site', siteKeys, region, null, (r) => {
      for (let i = 0; i < siteKeys.length; i++) {
        const v = r[i + 2]
        siteRow[siteKeys[i]!] = bools[i] ? (v === null ? null : v === 1) : (v as RowValues[string])
      }
      const id = r[0] as number
      const parent: RowValues = {}
      for (const k of parentList) parent[k] = siteRow[k] ?? null
      sites.set(id, parent)
      if (!want('site')) return
      const a = aggs.get(id)
      this.siteRow(id, siteRow, a ? { facilityTypes: a.types, activeWorkshops: a.activeWorkshops } : EMPTY_AGG, siteRules, aggRules, ctx, out)
    })
    for (const e of ['facility', 'workshop'] as const) {
      if (!want(e)) continue
      const rules = rowRules(e)
      const childRules = rowSiteRules(e)
      const keySet = new Set(['site_id', 'name'])
      for (const r of [...rules, ...childRules]) for (const f of r.fields) keySet.add(f)
      const keys = [...keySet]
      // rows that cannot fail any rule are skipped in SQL when every rule declares its candidate condition
      const all = [...rules, ...childRules]
      const cands = opts.prefilter !== false && all.every((r) => r.candidate) ? { list: all.map((r) => r.candidate!), settings: ctx.settings } : null
      // one reused row object (rules are pure and keep nothing)
      const row: RowValues = {}
      this.repo.eachRowForRegion(e, keys, region, cands, (r) => {
        for (let i = 0; i < keys.length; i++) row[keys[i]!] = r[i + 2] as RowValues[string]
        const siteId = row['site_id']
        this.childRow(e, r[0] as number, row, typeof siteId === 'number' ? sites.get(siteId) : undefined, rules, childRules, ctx, out)
      })
    }
    return this.explain(out)
  }

  private siteRow(id: number, row: RowValues, agg: SiteAggregate, rules: readonly Rule[], aggRules: readonly Rule[], ctx: RuleContext, out: Violation[]): void {
    const region = typeof row['county_code'] === 'string' ? row['county_code'] : null
    for (const rule of rules) {
      if (rule.scope !== 'row') continue
      const m = rule.test(row, ctx)
      if (m) out.push(this.violation(rule, id, m, region, rowKeyOf('site', row, undefined)))
    }
    for (const rule of aggRules) {
      if (rule.scope !== 'site-aggregate') continue
      const m = rule.test(row, agg, ctx)
      if (m) out.push(this.violation(rule, id, m, region, rowKeyOf('site', row, undefined)))
    }
  }

  private childRow(entity: EntityKey, id: number, row: RowValues, site: RowValues | undefined, rules: readonly Rule[], siteRules: readonly Rule[], ctx: RuleContext, out: Violation[]): void {
    const region = typeof site?.['county_code'] === 'string' ? site['county_code'] : null
    for (const rule of rules) {
      if (rule.scope !== 'row') continue
      const m = rule.test(row, ctx)
      if (m) out.push(this.violation(rule, id, m, region, rowKeyOf(entity, row, site)))
    }
    for (const rule of siteRules) {
      if (rule.scope !== 'row+site') continue
      const m = rule.test(row, site, ctx)
      if (m) out.push(this.violation(rule, id, m, region, rowKeyOf(entity, row, site)))
    }
  }

  private violation(rule: Rule, rowId: number, message: Label, regionCode: string | null, rowKey: string): Violation {
    return { ruleId: rule.id, severity: rule.severity, entity: rule.entity, rowId, field: rule.field, message, regionCode, rowKey }
  }

  /** Attach the planners' explanations to the violations they explain. */
  private explain(list: Violation[]): Violation[] {
    const all = this.repo.explanations()
    if (all.length === 0) return list
    const byKey = new Map<string, Explanation>(all.map((e) => [explanationKey(e.ruleId, e.entity, e.rowId, e.field), { comment: e.comment, at: e.at }]))
    for (const v of list) {
      const e = byKey.get(explanationKey(v.ruleId, v.entity, v.rowId, v.field))
      if (e) v.explained = e
    }
    return list
  }

  // ------------------------------------------------------------------ incremental

  /** The rows given plus the rows whose checks depend on them. */
  withDependents(targets: RowTargets, extraSites: Iterable<number> = []): RowTargets {
    const out: RowTargets = new Map()
    for (const [e, ids] of targets) for (const id of ids) add(out, e, id)
    const siteIds = new Set<number>(extraSites)
    for (const e of ['facility', 'workshop'] as const) {
      const ids = targets.get(e)
      if (ids && ids.size > 0) for (const s of this.repo.siteIdsOf(e, [...ids]).values()) if (s !== null) siteIds.add(s)
    }
    for (const s of siteIds) add(out, 'site', s)
    const sites = targets.get('site')
    if (sites && sites.size > 0) {
      for (const e of ['facility', 'workshop'] as const) if (rowSiteRules(e).length > 0) for (const id of this.repo.idsForSites(e, [...sites])) add(out, e, id)
    }
    return out
  }

  /** Violations of exactly these rows (rows that no longer exist are skipped). */
  evaluateRows(targets: RowTargets): Violation[] {
    const ctx = this.context()
    const out: Violation[] = []
    const repos = this.src.repos
    const siteCache = new Map<number, RowValues | undefined>()
    const siteOf = (id: unknown): RowValues | undefined => {
      if (typeof id !== 'number') return undefined
      if (!siteCache.has(id)) siteCache.set(id, repos.site.get(id))
      return siteCache.get(id)
    }
    const siteIds = [...(targets.get('site') ?? [])]
    if (siteIds.length > 0) {
      const aggs = this.repo.siteAggregates(aggregateFacilityTypes(), DEREGISTERED, null, siteIds)
      const rules = rowRules('site')
      const aggRules = siteAggregateRules()
      for (const id of siteIds) {
        const row = siteOf(id)
        if (!row) continue
        const a = aggs.get(id)
        this.siteRow(id, row, a ? { facilityTypes: a.types, activeWorkshops: a.activeWorkshops } : EMPTY_AGG, rules, aggRules, ctx, out)
      }
    }
    for (const e of ['facility', 'workshop'] as const) {
      const rules = rowRules(e)
      const siteRules = rowSiteRules(e)
      for (const id of targets.get(e) ?? []) {
        const row = repos[e].get(id)
        if (row) this.childRow(e, id, row, siteOf(row['site_id']), rules, siteRules, ctx, out)
      }
    }
    return this.explain(out)
  }

  /** The rows a change set touched, with their dependents (sites a facility or workshop left included). */
  targetsOfChangeSet(setId: number): RowTargets {
    const targets: RowTargets = new Map()
    const extraSites: number[] = []
    for (const c of this.repo.changesOfSet(setId)) {
      if (!(c.entity in ENTITIES)) continue
      const entity = c.entity as EntityKey
      add(targets, entity, c.rowId)
      if (entity === 'site') continue
      for (const v of [c.oldValue, c.newValue]) {
        if (c.field === 'site_id' && typeof v === 'number') extraSites.push(v)
        if (c.field === null && v && typeof v === 'object') {
          const s = (v as RowValues)['site_id']
          if (typeof s === 'number') extraSites.push(s)
        }
      }
    }
    return this.withDependents(targets, extraSites)
  }

  /**
   * The row and row+site rules a row about to be written breaks, without writing it: an import checks
   * each row of a return with this and rejects the rows that break an error rule, keeping the rest.
   */
  checkValues(entity: EntityKey, row: RowValues, site?: RowValues): RowCheckResult[] {
    return checkRow(this.context(), entity, row, site)
  }

  /** checkValues for many rows with one rule context (reading the settings once): an import preview. */
  rowChecker(): (entity: EntityKey, row: RowValues, site?: RowValues) => RowCheckResult[] {
    const ctx = this.context()
    return (entity, row, site) => checkRow(ctx, entity, row, site)
  }

  // ------------------------------------------------------------------ the guard

  /**
   * Error rules an action broke: for each row it inserted or changed (and the facilities and workshops
   * of sites it changed, for rules that read the site), the error rules that fail now and did not fail
   * before the action. A row that already broke a rule (an old import) can still be edited; a change
   * that breaks a rule is refused. Messages name the row: "幸福社区：已搬迁入住人数 1,320 超过规划安置人数 1,210".
   */
  refusals(touched: Map<EntityKey, { upserted: Set<number>; rows?: Map<number, RowValues> }>): Label[] {
    const repos = this.src.repos
    type Candidate = { entity: EntityKey; row: RowValues; site: RowValues | undefined; rule: Rule; message: Label }
    const candidates: Candidate[] = []
    let ctx: RuleContext | null = null
    const siteCache = new Map<number, RowValues | undefined>()
    const siteOf = (id: unknown): RowValues | undefined => {
      if (typeof id !== 'number') return undefined
      if (!siteCache.has(id)) siteCache.set(id, repos.site.get(id))
      return siteCache.get(id)
    }
    const check = (entity: EntityKey, row: RowValues, site: RowValues | undefined, rules: readonly Rule[]): void => {
      for (const rule of rules) {
        ctx ??= this.context()
        const m = rule.scope === 'row' ? rule.test(row, ctx) : rule.scope === 'row+site' ? rule.test(row, site, ctx) : null
        if (m) candidates.push({ entity, row, site, rule, message: m })
      }
    }
    const errorsOf = (rules: readonly Rule[]): Rule[] => rules.filter((r) => r.severity === 'error')
    for (const [entity, t] of touched) {
      const rules = errorsOf([...rowRules(entity), ...rowSiteRules(entity)])
      if (rules.length === 0) continue
      for (const id of t.upserted) {
        const row = t.rows?.get(id) ?? repos[entity].get(id)
        if (row) check(entity, row, entity === 'site' ? undefined : siteOf(row['site_id']), rules)
      }
    }
    const sites = touched.get('site')?.upserted
    if (sites && sites.size > 0) {
      for (const e of ['facility', 'workshop'] as const) {
        const rules = errorsOf(rowSiteRules(e))
        if (rules.length === 0) continue
        const own = touched.get(e)?.upserted
        for (const id of this.repo.idsForSites(e, [...sites])) {
          if (own?.has(id)) continue
          const row = repos[e].get(id)
          if (row) check(e, row, siteOf(row['site_id']), rules)
        }
      }
    }
    if (candidates.length === 0 || !ctx) return []
    const before = beforeValues(this.repo.changesOfSet())
    const ruleCtx: RuleContext = ctx
    const out: Label[] = []
    for (const c of candidates) {
      const id = c.row['id'] as number
      const b = before.get(`${c.entity}:${id}`)
      if (b && !b.inserted) {
        const oldRow = { ...c.row, ...b.old }
        const siteId = c.site?.['id']
        const sb = typeof siteId === 'number' ? before.get(`site:${siteId}`) : undefined
        const oldSite = c.site && sb && !sb.inserted ? { ...c.site, ...sb.old } : c.site
        const failedBefore = c.rule.scope === 'row' ? c.rule.test(oldRow, ruleCtx) : c.rule.scope === 'row+site' ? c.rule.test(oldRow, oldSite, ruleCtx) : null
        if (failedBefore) continue
      } else if (!b && c.entity !== 'site') {
        // a dependent row the action did not change: refused only when its site's change broke the rule
        const siteId = c.site?.['id']
        const sb = typeof siteId === 'number' ? before.get(`site:${siteId}`) : undefined
        if (c.rule.scope === 'row+site' && sb && !sb.inserted && c.rule.test(c.row, { ...c.site, ...sb.old }, ruleCtx)) continue
      }
      const name = String(c.row[ENTITIES[c.entity].titleField] ?? '')
      out.push(name ? { zh: `${name}：${c.message.zh}`, en: `${name}: ${c.message.en}` } : c.message)
      if (out.length >= 50) break
    }
    return out
  }
}

/** For each row an action changed: whether it inserted it, and the value of each field before. */
function beforeValues(changes: ChangeBefore[]): Map<string, { inserted: boolean; old: RowValues }> {
  const out = new Map<string, { inserted: boolean; old: RowValues }>()
  for (const c of changes) {
    const key = `${c.entity}:${c.rowId}`
    let b = out.get(key)
    if (!b) out.set(key, (b = { inserted: c.op === 'insert', old: {} }))
    if (c.op === 'update' && c.field !== null && !(c.field in b.old)) b.old[c.field] = c.oldValue as RowValues[string]
  }
  return out
}

export interface RowCheckResult {
  ruleId: string
  severity: 'error' | 'warning'
  field: string
  message: Label
}

const rulesByEntity = new Map<EntityKey, readonly Rule[]>()

/** The row and row+site rules of one entity that a row breaks. */
function checkRow(ctx: RuleContext, entity: EntityKey, row: RowValues, site?: RowValues): RowCheckResult[] {
  let rules = rulesByEntity.get(entity)
  if (!rules) rulesByEntity.set(entity, (rules = [...rowRules(entity), ...rowSiteRules(entity)]))
  const out: RowCheckResult[] = []
  for (const rule of rules) {
    const m = rule.scope === 'row' ? rule.test(row, ctx) : rule.scope === 'row+site' ? rule.test(row, site, ctx) : null
    if (m) out.push({ ruleId: rule.id, severity: rule.severity, field: rule.field, message: m })
  }
  return out
}
