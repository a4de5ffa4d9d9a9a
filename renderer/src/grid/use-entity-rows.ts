/**
 * Rows of one entity for the chosen region, kept in step with the service: loaded once, then patched
 * from every plan.changed event (edits, undo, redo, imports) so all grids agree without reloading.
 * A load asks for the first page first and shows it while the rest arrives (a national plan's 35,000
 * sites take a second to send); until then the rows are marked partial, so totals and counts wait.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ChangeResult } from '../../../shared/api/changes.ts'
import type { RowList } from '../../../shared/api/rows-api.ts'
import type { EntityKey, FieldValue } from '../../../shared/dictionary/types.ts'
import { call, on } from '../api/client.ts'
import type { GridRow } from './columns.ts'

export interface RowsPatch {
  upserted: GridRow[]
  deleted: number[]
  /** bumps on every full load */
  version: number
}

export interface EntityRows {
  rows: GridRow[] | null
  loading: boolean
  /** the region the rows on hand were loaded for ('' for the whole plan); null before the first load or while partial */
  loadedRegion: string | null
  /** the region of the rows on screen, from the first page painted (loadedRegion waits for every row) */
  shownRegion: string | null
  /** only the first page is on hand; the rest is on its way */
  partial: boolean
  /** rows in the region (the full count, also while partial) */
  total: number
  /** ms the last full load took (request + conversion) */
  loadMs: number
  reload(): void
  /** subscribe to incremental patches (the grid applies them as transactions) */
  onPatch(fn: (patch: RowsPatch) => void): () => void
}

/** Rows painted before the rest of a region arrives: more than a tall window shows. */
const FIRST_PAGE = 200

export function arraysToRows(columns: string[], rows: FieldValue[][]): GridRow[] {
  const out = new Array<GridRow>(rows.length)
  const n = columns.length
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!
    const o: GridRow = { id: r[0] as number }
    for (let c = 1; c < n; c++) o[columns[c]!] = r[c] ?? null
    out[i] = o
  }
  return out
}

export function useEntityRows(entity: EntityKey, region: string | null, planVersion: number, inRegion?: (row: GridRow) => boolean): EntityRows {
  const [rows, setRows] = useState<GridRow[] | null>(null)
  const [loading, setLoading] = useState(true)
  const [loadedRegion, setLoadedRegion] = useState<string | null>(null)
  const [shownRegion, setShownRegion] = useState<string | null>(null)
  const [partial, setPartial] = useState(false)
  const [total, setTotal] = useState(0)
  const [loadMs, setLoadMs] = useState(0)
  const [nonce, setNonce] = useState(0)
  const patchListeners = useRef(new Set<(p: RowsPatch) => void>())
  const rowsRef = useRef<GridRow[] | null>(null)
  const inRegionRef = useRef(inRegion)
  inRegionRef.current = inRegion

  useEffect(() => {
    let cancelled = false
    setLoading(true)
    setLoadedRegion(null)
    const t0 = performance.now()
    const show = (list: RowList, complete: boolean): void => {
      const converted = arraysToRows(list.columns, list.rows)
      rowsRef.current = converted
      setRows(converted)
      setTotal(list.total)
      setShownRegion(region ?? '')
      setPartial(!complete)
      if (complete) {
        setLoadedRegion(region ?? '')
        setLoadMs(performance.now() - t0)
        setLoading(false)
      }
    }
    const rest = (): Promise<void> =>
      call('rows.list', { entity, region }).then((list) => {
        if (!cancelled) show(list, true)
      })
    call('rows.list', { entity, region, limit: FIRST_PAGE })
      .then((first) => {
        if (cancelled) return
        if (first.rows.length >= first.total) return show(first, true)
        show(first, false)
        return rest()
      })
      .catch(() => {
        if (!cancelled) setLoading(false)
      })
    return () => {
      cancelled = true
    }
  }, [entity, region, planVersion, nonce])

  useEffect(
    () =>
      on('plan.changed', (c: ChangeResult) => {
        if (c.reload) {
          setNonce((n) => n + 1)
          return
        }
        const a = c.affected[entity]
        if (!a) return
        const keep = inRegionRef.current
        const upserted = (a.upserted as GridRow[]).filter((r) => !keep || keep(r))
        const outOfRegion = keep ? (a.upserted as GridRow[]).filter((r) => !keep(r)).map((r) => r.id) : []
        const patch: RowsPatch = { upserted, deleted: [...a.deleted, ...outOfRegion], version: 0 }
        for (const l of patchListeners.current) l(patch)
      }, { urgent: true }),
    [entity],
  )

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  const onPatch = useCallback((fn: (p: RowsPatch) => void) => {
    patchListeners.current.add(fn)
    return () => patchListeners.current.delete(fn)
  }, [])
  return { rows, loading, loadedRegion, shownRegion, partial, total, loadMs, reload, onPatch }
}
