// The Gantt's test hook on window (see renderer/src/facilities/gantt-chart.tsx).
declare global {
  interface Window {
    __gantt?: {
      rowCount: number
      barBox(id: number, which: 'planned' | 'actual'): { x: number; y: number; w: number; h: number } | null
      scrollToFacility(id: number): void
      scale: { pxPerDay: number }
    }
  }
}
export {}
