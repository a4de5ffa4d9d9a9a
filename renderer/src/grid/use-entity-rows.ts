/**
 * Rows of one entity for the chosen region, kept in step with the service: loaded once, then patched
 * from every plan.changed event (edits, undo, redo, imports) so all grids agree without reloading.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ChangeResult } from '../../../shared/api/changes.ts'
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
  /** the region the rows on hand were loaded for ('' for the whole plan); null before the first load */
  loadedRegion: string | null
  /** ms the last full load took (request + conversion) */
  loadMs: number
  reload(): void
  /** subscribe to incremental patches (the grid applies them as transactions) */
  onPatch(fn: (patch: RowsPatch) => void): () => void
}

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
  const [loadMs, setLoadMs] = useState(0)
  const [nonce, setNonce] = useState(0)
  const patchListeners = useRef(new Set<(p: RowsPatch) => void>())
  const rowsRef = useRef<GridRow[] | null>(null)
  const inRegionRef = useRef(inRegion)
  inRegionRef.current = inRegion

  useEffect(() => {
    let cancelled = false
    setLoading(true)
    const t0 = performance.now()
    call('rows.list', { entity, region })
      .then((list) => {
        if (cancelled) return
        const converted = arraysToRows(list.columns, list.rows)
        rowsRef.current = converted
        setRows(converted)
        setLoadedRegion(region ?? '')
        setLoadMs(performance.now() - t0)
        setLoading(false)
      })
      .catch(() => setLoading(false))
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
      }),
    [entity],
  )

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  const onPatch = useCallback((fn: (p: RowsPatch) => void) => {
    patchListeners.current.add(fn)
    return () => patchListeners.current.delete(fn)
  }, [])
  return { rows, loading, loadedRegion, loadMs, reload, onPatch }
}
