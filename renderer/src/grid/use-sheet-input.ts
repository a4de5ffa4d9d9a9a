/**
 * Mouse, keyboard and clipboard input for the spreadsheet layer: click-drag, Shift+click, header and
 * row-number clicks, the fill handle drag; Shift/Ctrl+Shift+arrows, Ctrl+arrows (to the edge of the
 * data, as Excel), Home/End, Ctrl+Home/End, Ctrl+A, Ctrl+C/V, Ctrl+D/R, Delete, Ctrl+F; copy and paste through the DOM clipboard events (no permission needed, as Electron denies
 * them), falling back to the async Clipboard API when no event came.
 */
import { useEffect, useRef } from 'react'
import { blockToHtml, blockToTsv, parseClipboard, type CellBlock } from '../../../shared/grid/clipboard-text.ts'
import { ROWNUM, type Rect, type Sheet } from './sheet.ts'

export interface SheetActions {
  paste(block: CellBlock): void
  fill(direction: 'down' | 'right'): void
  fillTo(target: Rect, toggleMode: boolean): void
  clear(): void
  openFind(): void
  copied(cells: number): void
  clipboardError(): void
}

function isEditorTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || el.isContentEditable) return true
  return el.closest('.ag-cell-inline-editing, .ag-popup-editor, .ag-filter, .ag-popup, .county-editor') !== null
}

interface Hit {
  rowId: number
  rowIndex: number
  colId: string
  cell: HTMLElement
}

function hitAt(host: HTMLElement, el: Element | null): Hit | null {
  if (!el || !host.contains(el)) return null
  const cell = el.closest<HTMLElement>('.ag-cell')
  const row = el.closest<HTMLElement>('.ag-row')
  if (!cell || !row || row.classList.contains('ag-row-pinned')) return null
  const rowId = Number(row.getAttribute('row-id'))
  const rowIndex = Number(row.getAttribute('row-index'))
  const colId = cell.getAttribute('col-id')
  if (!Number.isFinite(rowId) || !Number.isFinite(rowIndex) || !colId) return null
  return { rowId, rowIndex, colId, cell }
}

/** Write the selection to the clipboard event (TSV + HTML table). Returns the number of cells. */
export function selectionClipboard(sheet: Sheet): { tsv: string; html: string; cells: number } | null {
  const b = sheet.block()
  if (!b || b.block.length === 0) return null
  return { tsv: blockToTsv(b.block), html: blockToHtml(b.block, (r, c) => b.numeric[r]?.[c] === true), cells: b.block.length * (b.block[0]?.length ?? 0) }
}

/** Copy through the async Clipboard API (menu items, and when no copy event fired). */
export async function writeClipboard(sheet: Sheet): Promise<number> {
  const c = selectionClipboard(sheet)
  if (!c) return 0
  try {
    await navigator.clipboard.write([new ClipboardItem({ 'text/plain': new Blob([c.tsv], { type: 'text/plain' }), 'text/html': new Blob([c.html], { type: 'text/html' }) })])
  } catch {
    await navigator.clipboard.writeText(c.tsv)
  }
  return c.cells
}

/** Read a block through the async Clipboard API (menu items, and when no paste event fired). */
export async function readClipboard(): Promise<CellBlock> {
  let html: string | null = null
  let text: string | null = null
  try {
    const items = await navigator.clipboard.read()
    for (const item of items) {
      if (item.types.includes('text/html')) html = await (await item.getType('text/html')).text()
      if (item.types.includes('text/plain')) text = await (await item.getType('text/plain')).text()
    }
  } catch {
    text = await navigator.clipboard.readText()
  }
  return parseClipboard(html, text)
}

export function useSheetInput(host: React.RefObject<HTMLElement | null>, sheet: Sheet | null, actions: SheetActions): { mouseBusy(): boolean } {
  const act = useRef(actions)
  act.current = actions
  const mouseDown = useRef(false)

  useEffect(() => {
    const el = host.current
    if (!el || !sheet) return
    let drag: 'cells' | 'rows' | 'fill' | null = null
    let last = ''
    let pendingCopy: ReturnType<typeof setTimeout> | undefined
    let pendingPaste: ReturnType<typeof setTimeout> | undefined
    const focusedHere = (e: Event): boolean => el.contains(document.activeElement) || (e.target instanceof Node && el.contains(e.target))

    const onMouseDown = (e: MouseEvent): void => {
      if (e.button !== 0 || isEditorTarget(e.target)) return
      const h = hitAt(el, e.target as Element)
      if (!h) return
      if (sheet.api.getEditingCells().length > 0) return
      mouseDown.current = true
      if (h.colId === ROWNUM) {
        sheet.selectRow(h.rowId, e.shiftKey)
        drag = 'rows'
        e.preventDefault()
        return
      }
      if (h.cell.classList.contains('rs-corner')) {
        const r = h.cell.getBoundingClientRect()
        if (e.clientX >= r.right - 10 && e.clientY >= r.bottom - 10) {
          drag = 'fill'
          e.preventDefault()
          e.stopPropagation()
          return
        }
      }
      if (e.shiftKey) sheet.extendTo({ rowId: h.rowId, colId: h.colId })
      else sheet.selectCell({ rowId: h.rowId, colId: h.colId })
      drag = 'cells'
      last = `${h.rowId}:${h.colId}`
    }
    // dragging past the top or bottom edge scrolls the rows, as Excel does
    let auto: ReturnType<typeof setInterval> | undefined
    let lastPoint = { x: 0, y: 0 }
    const viewport = (): HTMLElement | null => el.querySelector<HTMLElement>('.ag-grid-viewport')
    const bodyBounds = (): { top: number; bottom: number } | null => {
      const vp = viewport()
      const header = el.querySelector('.ag-header')
      if (!vp) return null
      const r = vp.getBoundingClientRect()
      let bottom = r.top + vp.clientHeight
      for (const p of el.querySelectorAll('.ag-row-pinned')) bottom = Math.min(bottom, p.getBoundingClientRect().top)
      return { top: Math.max(r.top, header?.getBoundingClientRect().bottom ?? r.top), bottom }
    }
    const stopAuto = (): void => {
      clearInterval(auto)
      auto = undefined
    }
    const onMouseMove = (e: MouseEvent): void => {
      if (!drag) return
      lastPoint = { x: e.clientX, y: e.clientY }
      const b = bodyBounds()
      if (b && (e.clientY < b.top || e.clientY > b.bottom)) {
        if (!auto)
          auto = setInterval(() => {
            const bb = bodyBounds()
            const vp = viewport()
            if (!drag || !bb || !vp) return stopAuto()
            const over = lastPoint.y < bb.top ? lastPoint.y - bb.top : lastPoint.y > bb.bottom ? lastPoint.y - bb.bottom : 0
            if (over === 0) return stopAuto()
            vp.scrollTop += Math.sign(over) * Math.min(200, 10 + Math.abs(over))
            track(lastPoint.x, over < 0 ? bb.top + 4 : bb.bottom - 4)
          }, 50)
        return
      }
      stopAuto()
      track(e.clientX, e.clientY)
    }
    const track = (x: number, y: number): void => {
      const h = hitAt(el, document.elementFromPoint(x, y))
      if (!h) return
      const key = `${h.rowId}:${h.colId}`
      if (key === last) return
      last = key
      if (drag === 'rows') sheet.selectRow(h.rowId, true)
      else if (drag === 'cells') {
        if (h.colId !== ROWNUM) sheet.extendTo({ rowId: h.rowId, colId: h.colId })
      } else {
        const c = sheet.cols.indexOf(h.colId)
        sheet.fillRect = sheet.fillTarget(h.rowIndex, c < 0 ? (sheet.rect?.c0 ?? 0) : c)
        sheet.repaint()
      }
    }
    const onMouseUp = (e: MouseEvent): void => {
      stopAuto()
      if (drag === 'fill') {
        const target = sheet.fillRect
        sheet.fillRect = null
        sheet.repaint()
        if (target) act.current.fillTo(target, e.ctrlKey || e.metaKey)
      }
      drag = null
      setTimeout(() => (mouseDown.current = false), 0)
    }
    const onHeaderClick = (e: MouseEvent): void => {
      const t = e.target as HTMLElement
      const header = t.closest<HTMLElement>('.ag-header-cell')
      if (!header || !el.contains(header)) return
      if (t.closest('.ag-header-cell-menu-button, .ag-header-cell-filter-button, .ag-header-icon, .ag-header-cell-resize, .ag-floating-filter, input')) return
      const colId = header.getAttribute('col-id')
      if (!colId) return
      if (colId === ROWNUM) sheet.selectAll()
      else sheet.selectColumn(colId, e.shiftKey)
      e.stopPropagation()
      e.preventDefault()
    }
    const onKeyDown = (e: KeyboardEvent): void => {
      if (isEditorTarget(e.target) || sheet.api.getEditingCells().length > 0) return
      const ctrl = e.ctrlKey || e.metaKey
      const k = e.key
      const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }
      const arrow = arrows[k]
      let handled = true
      const jumps: Record<string, 'up' | 'down' | 'left' | 'right'> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' }
      if (arrow && e.shiftKey) sheet.extendBy(arrow[0], arrow[1], ctrl)
      else if (arrow && ctrl) sheet.jump(jumps[k]!)
      else if (k === 'Home' && !e.shiftKey) sheet.jump(ctrl ? 'first' : 'home')
      else if (k === 'End' && !e.shiftKey) sheet.jump(ctrl ? 'last' : 'end')
      else if (ctrl && !e.shiftKey && (k === 'a' || k === 'A')) sheet.selectAll()
      else if (ctrl && (k === 'd' || k === 'D')) act.current.fill('down')
      else if (ctrl && (k === 'r' || k === 'R')) act.current.fill('right')
      else if (ctrl && (k === 'f' || k === 'F')) act.current.openFind()
      else if (ctrl && k === ' ') {
        const a = sheet.active()
        if (a) sheet.selectColumn(a.colId)
      } else if (e.shiftKey && k === ' ') {
        const a = sheet.active()
        if (a) sheet.selectRow(a.rowId)
      } else if (k === 'Delete') act.current.clear()
      else if (ctrl && (k === 'c' || k === 'C')) {
        // the copy event normally follows; if the browser sends none, use the Clipboard API
        clearTimeout(pendingCopy)
        pendingCopy = setTimeout(() => {
          writeClipboard(sheet).then((n) => act.current.copied(n), () => act.current.clipboardError())
        }, 60)
        handled = false
      } else if (ctrl && (k === 'v' || k === 'V')) {
        clearTimeout(pendingPaste)
        pendingPaste = setTimeout(() => {
          readClipboard().then((b) => act.current.paste(b), () => act.current.clipboardError())
        }, 60)
        handled = false
      } else handled = false
      if (handled) {
        e.preventDefault()
        e.stopPropagation()
      }
    }
    // clipboard events: enable copy/paste without a text selection, then fill or read the clipboard
    const onBefore = (e: Event): void => {
      if (focusedHere(e) && !isEditorTarget(document.activeElement)) e.preventDefault()
    }
    const onCopy = (e: ClipboardEvent): void => {
      if (!focusedHere(e) || isEditorTarget(document.activeElement) || !e.clipboardData) return
      clearTimeout(pendingCopy)
      const c = selectionClipboard(sheet)
      if (!c) return
      e.clipboardData.setData('text/plain', c.tsv)
      e.clipboardData.setData('text/html', c.html)
      e.preventDefault()
      act.current.copied(c.cells)
    }
    const onPaste = (e: ClipboardEvent): void => {
      if (!focusedHere(e) || isEditorTarget(document.activeElement) || !e.clipboardData) return
      clearTimeout(pendingPaste)
      e.preventDefault()
      act.current.paste(parseClipboard(e.clipboardData.getData('text/html'), e.clipboardData.getData('text/plain')))
    }
    el.addEventListener('mousedown', onMouseDown, true)
    el.addEventListener('click', onHeaderClick, true)
    el.addEventListener('keydown', onKeyDown, true)
    window.addEventListener('mousemove', onMouseMove)
    window.addEventListener('mouseup', onMouseUp)
    document.addEventListener('beforecopy', onBefore)
    document.addEventListener('beforepaste', onBefore)
    document.addEventListener('copy', onCopy)
    document.addEventListener('paste', onPaste)
    return () => {
      stopAuto()
      clearTimeout(pendingCopy)
      clearTimeout(pendingPaste)
      el.removeEventListener('mousedown', onMouseDown, true)
      el.removeEventListener('click', onHeaderClick, true)
      el.removeEventListener('keydown', onKeyDown, true)
      window.removeEventListener('mousemove', onMouseMove)
      window.removeEventListener('mouseup', onMouseUp)
      document.removeEventListener('beforecopy', onBefore)
      document.removeEventListener('beforepaste', onBefore)
      document.removeEventListener('copy', onCopy)
      document.removeEventListener('paste', onPaste)
    }
  }, [host, sheet])

  return { mouseBusy: () => mouseDown.current }
}
