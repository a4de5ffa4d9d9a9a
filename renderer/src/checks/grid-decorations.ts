/**
 * How check results show inside grids (marks on cells, a per-row status). The checks module fills
 * this in; until then grids show no marks.
 */
import type { ColDef, RowClassParams } from 'ag-grid-community'
import type { EntityKey, FieldDef } from '../../../shared/dictionary/types.ts'
import type { GridRow } from '../grid/columns.ts'

export interface GridDecorations {
  decorate?: (field: FieldDef, col: ColDef<GridRow>) => ColDef<GridRow>
  rowClass?: (p: RowClassParams<GridRow>) => string | undefined
  extraColumns?: ColDef<GridRow>[]
}

export function useGridDecorations(_entity: EntityKey): GridDecorations {
  return {}
}
