// The test hooks the renderer puts on window (see renderer/src/grid/entity-grid.tsx).
import type { GridApi } from 'ag-grid-community'

declare global {
  interface Window {
    __grids?: Partial<Record<'site' | 'facility' | 'workshop', GridApi<{ id: number; [key: string]: string | number | boolean | null }>>>
    __workshopMap?: { pixelOf(kind: 'site' | 'workshop', id: number): [number, number] | null; ids(kind: 'site' | 'workshop'): number[]; timing: { drawMs: number; sites: number; workshops: number } | null; bareDrawMs(): number }
  }
}
export {}
