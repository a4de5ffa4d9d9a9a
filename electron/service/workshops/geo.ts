/**
 * Distances on the earth and a spatial bucket grid. Coverage and the optimizer both ask "which points
 * lie within R km of this one?" for tens of thousands of points; comparing every pair would be
 * 35,000 × 34,000 haversines at national scale, so points are bucketed into cells at least R wide and
 * only the 3 × 3 neighbouring cells are compared, each candidate confirmed by the great-circle distance.
 */

const EARTH_RADIUS_KM = 6371.0088
const RAD = Math.PI / 180

/** Great-circle (haversine) distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLon = (lon2 - lon1) * RAD
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)))
}

export interface GeoPoint {
  lat: number
  lon: number
}

/**
 * Points bucketed by cells of dLat × dLon degrees, chosen so that any point within radiusKm of a query
 * lies in the query's cell or one of its eight neighbours (dLon is sized for the highest latitude
 * present, where a degree of longitude is shortest).
 */
/** sin²(d / 2R) for a great-circle distance d: compare haversine terms without an asin per pair. */
export function havOfKm(km: number): number {
  return Math.sin(km / (2 * EARTH_RADIUS_KM)) ** 2
}

/** The great-circle distance for a haversine term. */
export function kmOfHav(a: number): number {
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)))
}

interface Cell<T> {
  points: T[]
  /** positions of the points in the array the grid was built from */
  index: Int32Array
  lat: Float64Array
  lon: Float64Array
  cos: Float64Array
}

export class SpatialGrid<T extends GeoPoint> {
  private readonly cells = new Map<number, Cell<T>>()
  private readonly dLat: number
  private readonly dLon: number
  private readonly hav: number
  readonly radiusKm: number
  /** filled by query(): positions (in the input array) and haversine terms of the points found */
  readonly hitIndex: Int32Array
  readonly hitHav: Float64Array

  private readonly points: readonly T[]

  constructor(points: readonly T[], radiusKm: number) {
    this.points = points
    this.radiusKm = radiusKm
    this.hav = havOfKm(radiusKm)
    let maxAbsLat = 0
    for (const p of points) maxAbsLat = Math.max(maxAbsLat, Math.abs(p.lat))
    // a degree of latitude is at least 110.57 km; a degree of longitude at latitude φ is 111.32·cos φ km
    this.dLat = radiusKm / 110.5
    this.dLon = radiusKm / (111.2 * Math.cos(Math.min(80, maxAbsLat + 1) * RAD))
    const lists = new Map<number, number[]>()
    points.forEach((p, i) => {
      const key = this.key(Math.floor(p.lat / this.dLat), Math.floor(p.lon / this.dLon))
      let list = lists.get(key)
      if (!list) lists.set(key, (list = []))
      list.push(i)
    })
    this.hitIndex = new Int32Array(points.length)
    this.hitHav = new Float64Array(points.length)
    for (const [key, idx] of lists) {
      const list = idx.map((i) => points[i]!)
      this.cells.set(key, {
        points: list,
        index: Int32Array.from(idx),
        lat: Float64Array.from(list, (p) => p.lat * RAD),
        lon: Float64Array.from(list, (p) => p.lon * RAD),
        cos: Float64Array.from(list, (p) => Math.cos(p.lat * RAD)),
      })
    }
  }

  private key(row: number, col: number): number {
    return (row + 20000) * 100000 + (col + 20000)
  }

  /**
   * Finds the points within radiusKm of (lat, lon) without allocating: their positions in the input
   * array go to hitIndex and their haversine terms to hitHav; returns how many.
   */
  query(lat: number, lon: number): number {
    const r = Math.floor(lat / this.dLat)
    const c = Math.floor(lon / this.dLon)
    const la = lat * RAD
    const lo = lon * RAD
    const cosA = Math.cos(la)
    const limit = this.hav
    let n = 0
    for (let i = r - 1; i <= r + 1; i++) {
      for (let j = c - 1; j <= c + 1; j++) {
        const cell = this.cells.get(this.key(i, j))
        if (!cell) continue
        const m = cell.index.length
        for (let k = 0; k < m; k++) {
          const s1 = Math.sin((cell.lat[k]! - la) / 2)
          const h1 = s1 * s1
          if (h1 > limit) continue
          const s2 = Math.sin((cell.lon[k]! - lo) / 2)
          const h = h1 + cosA * cell.cos[k]! * s2 * s2
          if (h <= limit) {
            this.hitIndex[n] = cell.index[k]!
            this.hitHav[n] = h
            n++
          }
        }
      }
    }
    return n
  }

  /**
   * Calls fn for every point within radiusKm of (lat, lon) with the haversine term (see kmOfHav). The
   * same search as query(); its hits are copied first, so fn may search the grid again.
   */
  nearHav(lat: number, lon: number, fn: (p: T, hav: number) => void): void {
    const n = this.query(lat, lon)
    const index = this.hitIndex.slice(0, n)
    const hav = this.hitHav.slice(0, n)
    for (let k = 0; k < n; k++) fn(this.points[index[k]!]!, hav[k]!)
  }

  /** Calls fn for every point within radiusKm of (lat, lon), with its great-circle distance. */
  near(lat: number, lon: number, fn: (p: T, km: number) => void): void {
    this.nearHav(lat, lon, (p, h) => fn(p, kmOfHav(h)))
  }
}
