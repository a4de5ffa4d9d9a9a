/**
 * The capacitated maximal covering location model for new workshops, built as a sparse MIP that stays
 * small: a variable only for each (site, workshop) pair within the commute radius.
 *
 *   max  Σ_i (w_zero·p_i + w_base·q_i)                        jobseekers covered, weighted
 *   s.t. p_i + q_i − Σ_{f near i} x_if ≤ 0                     per site i (p_i ≤ zero-employment households, q_i the rest)
 *        Σ_{i near j} x_ij − cap_j·y_j ≤ 0                      per candidate j (new workshop, jobs cap_j)
 *        Σ_{i near e} x_ie ≤ vacancies_e                        per operating workshop e (its spare posts)
 *        x_ij − min(u_i, cap_j)·y_j ≤ 0                          per candidate pair (tightens the relaxation)
 *        Σ_j y_j ≤ K        or      Σ_j cost_j·y_j ≤ budget
 *        0 ≤ p_i ≤ min(z_i, u_i), 0 ≤ q_i ≤ u_i − min(z_i, u_i), x ≥ 0, y ∈ {0, 1}
 *
 * u_i is the site's jobseekers (labour − employed), z_i its zero-employment households: one jobseeker
 * per such household weighs w_zero (每户至少一人就业). Column order: y | x (candidate pairs) |
 * x (existing pairs) | p | q. Candidates that reach no jobseeker are left out.
 */
import type { LinearModel } from './solver-worker.ts'
import { SpatialGrid } from '../workshops/geo.ts'

export interface DemandSite {
  id: number
  lat: number
  lon: number
  /** jobseekers */
  unemployed: number
  /** jobseekers counted at the zero-employment weight */
  priority: number
}

export interface CandidateSite {
  key: string
  name: string
  lat: number
  lon: number
  jobs: number
  costWan: number
  atSiteId: number | null
}

export interface ExistingWorkshop {
  id: number
  lat: number
  lon: number
  vacancies: number
}

export interface PlacementInstance {
  sites: DemandSite[]
  candidates: CandidateSite[]
  existing: ExistingWorkshop[]
  radiusKm: number
  /** at most this many new workshops … */
  k: number | null
  /** … or within this budget (万元) */
  budgetWan: number | null
  zeroWeight: number
  baseWeight: number
}

export interface Pairs {
  site: Int32Array
  /** candidate (index into kept) or existing workshop index */
  other: Int32Array
  km: Float64Array
}

export interface BuiltModel {
  model: LinearModel
  /** candidates that reach someone, in y order (indices into candidatesOf) */
  kept: number[]
  /** the instance's candidates */
  candidatesOf: CandidateSite[]
  candPairs: Pairs
  exPairs: Pairs
  /** first column of the candidate-pair x, the existing-pair x, p and q */
  cols: { xc: number; xe: number; p: number; q: number }
}

function toPairs(site: number[], other: number[], km: number[]): Pairs {
  return { site: Int32Array.from(site), other: Int32Array.from(other), km: Float64Array.from(km) }
}

/** Pairs within the radius, grouped by candidate (then existing workshop), found through a spatial grid. */
export function findPairs(inst: PlacementInstance): { kept: number[]; candPairs: Pairs; exPairs: Pairs } {
  const demand = inst.sites.map((s, i) => ({ lat: s.lat, lon: s.lon, i })).filter((s) => inst.sites[s.i]!.unemployed > 0)
  const grid = new SpatialGrid(demand, inst.radiusKm)
  const kept: number[] = []
  const cs: number[] = [], co: number[] = [], ck: number[] = []
  inst.candidates.forEach((c, j) => {
    const before = cs.length
    grid.near(c.lat, c.lon, (p, km) => {
      cs.push(p.i)
      co.push(kept.length)
      ck.push(km)
    })
    if (cs.length > before) kept.push(j)
  })
  const es: number[] = [], eo: number[] = [], ek: number[] = []
  inst.existing.forEach((e, idx) => {
    if (e.vacancies <= 0) return
    grid.near(e.lat, e.lon, (p, km) => {
      es.push(p.i)
      eo.push(idx)
      ek.push(km)
    })
  })
  return { kept, candPairs: toPairs(cs, co, ck), exPairs: toPairs(es, eo, ek) }
}

export function buildModel(inst: PlacementInstance, found = findPairs(inst)): BuiltModel {
  const { kept, candPairs, exPairs } = found
  const ns = inst.sites.length
  const nY = kept.length
  const npc = candPairs.site.length
  const npe = exPairs.site.length
  const ne = inst.existing.length
  const cols = { xc: nY, xe: nY + npc, p: nY + npc + npe, q: nY + npc + npe + ns }
  const numCols = cols.q + ns
  const rowCap = ns
  const rowEx = ns + nY
  const rowVub = ns + nY + ne
  const rowBudget = rowVub + npc
  const numRows = rowBudget + 1

  const colCost = new Float64Array(numCols)
  const colLower = new Float64Array(numCols)
  const colUpper = new Float64Array(numCols).fill(Infinity)
  const rowLower = new Float64Array(numRows).fill(-Infinity)
  const rowUpper = new Float64Array(numRows)
  const nnz = nY + 3 * npc + npc + 2 * npe + 2 * ns + nY
  const starts = new Int32Array(numCols + 1)
  const indices = new Int32Array(nnz)
  const values = new Float64Array(nnz)
  let k = 0
  let col = 0
  const entry = (row: number, v: number): void => {
    indices[k] = row
    values[k] = v
    k++
  }
  const nextCol = (): void => {
    col++
    starts[col] = k
  }

  // pairs of each candidate are contiguous (findPairs walks candidates in order)
  const firstPair = new Int32Array(nY + 1)
  for (let p = 0, j = 0; j <= nY; j++) {
    while (p < npc && candPairs.other[p]! < j) p++
    firstPair[j] = p
  }
  // y
  for (let j = 0; j < nY; j++) {
    const c = inst.candidates[kept[j]!]!
    colUpper[j] = 1
    entry(rowCap + j, -c.jobs)
    for (let p = firstPair[j]!; p < firstPair[j + 1]!; p++) entry(rowVub + p, -Math.min(inst.sites[candPairs.site[p]!]!.unemployed, c.jobs))
    entry(rowBudget, inst.k !== null ? 1 : c.costWan)
    nextCol()
  }
  // x for candidate pairs
  for (let p = 0; p < npc; p++) {
    const i = candPairs.site[p]!
    const j = candPairs.other[p]!
    colUpper[col] = Math.min(inst.sites[i]!.unemployed, inst.candidates[kept[j]!]!.jobs)
    entry(i, 1)
    entry(rowCap + j, 1)
    entry(rowVub + p, 1)
    nextCol()
  }
  // x for existing pairs
  for (let p = 0; p < npe; p++) {
    const i = exPairs.site[p]!
    const e = exPairs.other[p]!
    colUpper[col] = Math.min(inst.sites[i]!.unemployed, inst.existing[e]!.vacancies)
    entry(i, 1)
    entry(rowEx + e, 1)
    nextCol()
  }
  // p and q per site
  for (let i = 0; i < ns; i++) {
    const s = inst.sites[i]!
    colCost[col] = inst.zeroWeight
    colUpper[col] = Math.min(s.priority, s.unemployed)
    entry(i, -1)
    nextCol()
  }
  for (let i = 0; i < ns; i++) {
    const s = inst.sites[i]!
    colCost[col] = inst.baseWeight
    colUpper[col] = s.unemployed - Math.min(s.priority, s.unemployed)
    entry(i, -1)
    nextCol()
  }
  // site rows: covered p + q may not exceed what the workshops near it give (Σx − p − q ≥ 0)
  for (let i = 0; i < ns; i++) {
    rowLower[i] = 0
    rowUpper[i] = Infinity
  }
  for (let e = 0; e < ne; e++) rowUpper[rowEx + e] = Math.max(0, inst.existing[e]!.vacancies)
  rowUpper[rowBudget] = inst.k !== null ? inst.k : (inst.budgetWan ?? 0)
  return {
    model: { numCols, numRows, colCost, colLower, colUpper, rowLower, rowUpper, starts, indices: indices.slice(0, k), values: values.slice(0, k), nY, coverFrom: cols.p },
    kept,
    candidatesOf: inst.candidates,
    candPairs,
    exPairs,
    cols,
  }
}
