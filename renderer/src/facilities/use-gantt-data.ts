/**
 * The Gantt's rows for a region (or one site), kept in step with the plan: loaded once, then
 * patched from plan.changed (a drag, an edit in the grid, undo) with the schedule flags recomputed
 * by the shared rules; inserts, deletes and site changes reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { GanttData } from '../../../shared/api/facilities-api.ts'
import { scheduleFlags } from '../../../shared/facilities/schedule.ts'
import { call, on } from '../api/client.ts'
import { barsOf, type FacilityBar } from './gantt-model.ts'

export interface GanttState {
  data: GanttData | null
  bars: FacilityBar[]
  loading: boolean
  /** too many rows for one Gantt: choose a smaller region */
  tooLarge: number | null
  loadMs: number
  /** the region (or site) of the last load that finished, well or badly */
  settled: string | null
  reload(): void
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

export function useGanttData(region: string | null, planVersion: number, opts: { siteId?: number; enabled?: boolean } = {}): GanttState {
  const enabled = opts.enabled ?? true
  const [data, setData] = useState<GanttData | null>(null)
  const [bars, setBars] = useState<FacilityBar[]>([])
  const [loading, setLoading] = useState(false)
  const [tooLarge, setTooLarge] = useState<number | null>(null)
  const [loadMs, setLoadMs] = useState(0)
  const [nonce, setNonce] = useState(0)
  const [settled, setSettled] = useState<string | null>(null)
  const dataRef = useRef<GanttData | null>(null)
  const siteId = opts.siteId
  const key = siteId !== undefined ? `site:${siteId}` : (region ?? '')

  useEffect(() => {
    if (!enabled) return
    let cancelled = false
    setLoading(true)
    const t0 = performance.now()
    call('facilities.gantt', { region, ...(siteId !== undefined ? { siteId } : {}) })
      .then((d) => {
        if (cancelled) return
        dataRef.current = d
        setTooLarge(d.tooMany ?? null)
        setData(d)
        setBars(barsOf(d))
        setLoadMs(performance.now() - t0)
        setLoading(false)
        setSettled(key)
      })
      .catch(() => {
        if (cancelled) return
        setLoading(false)
        setSettled(key)
      })
    return () => {
      cancelled = true
    }
  }, [region, siteId, key, planVersion, nonce, enabled])

  useEffect(() => {
    if (!enabled) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const later = (): void => {
      clearTimeout(timer)
      timer = setTimeout(() => setNonce((n) => n + 1), 150)
    }
    const off = on('plan.changed', (c) => {
      const d = dataRef.current
      if (!d) return
      if (c.reload || c.affected.site) return later()
      const a = c.affected.facility
      if (!a) return
      const siteIdx = new Map(d.sites.map((s, i) => [s.id, i]))
      if (a.upserted.some((r) => siteIdx.has(Number(r['site_id'])) && !d.rows.some((x) => x[0] === r.id))) return later()
      const gone = new Set(a.deleted)
      const byId = new Map(a.upserted.map((r) => [r.id, r]))
      setBars((prev) =>
        prev
          .filter((b) => !gone.has(b.id))
          .map((b) => {
            const r = byId.get(b.id)
            if (!r) return b
            const si = siteIdx.get(Number(r['site_id']))
            if (si === undefined) return b
            const next: FacilityBar = {
              ...b,
              siteIndex: si,
              name: String(r['name'] ?? ''),
              type: String(r['type'] ?? ''),
              category: String(r['category'] ?? ''),
              status: str(r['status']),
              planned_start: str(r['planned_start']),
              planned_end: str(r['planned_end']),
              actual_start: str(r['actual_start']),
              actual_end: str(r['actual_end']),
              nature: str(r['nature']),
              flags: 0,
            }
            next.flags = scheduleFlags(next, d.sites[si]?.moveIn ?? null, d.asOf)
            return next
          }),
      )
    })
    return () => {
      off()
      clearTimeout(timer)
    }
  }, [enabled])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { data, bars, loading, tooLarge, loadMs, settled, reload }
}
