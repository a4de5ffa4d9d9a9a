/**
 * The grid's right-click menu (AG Grid Community has none): copy, paste, insert rows above/below,
 * delete rows, clear cells, fill down, filter by this value, and the history of the cell.
 */
import { useEffect, useRef } from 'react'
import type { Label } from '../../../shared/dictionary/types.ts'
import { useI18n } from '../i18n.tsx'

export interface MenuItem {
  key: string
  label: Label
  shortcut?: string
  disabled?: boolean
  run(): void
}

export function ContextMenu({ x, y, items, onClose }: { x: number; y: number; items: (MenuItem | 'sep')[]; onClose(): void }) {
  const { t } = useI18n()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const away = (e: MouseEvent): void => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose()
    }
    const key = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose()
    }
    window.addEventListener('mousedown', away, true)
    window.addEventListener('keydown', key, true)
    window.addEventListener('blur', onClose)
    return () => {
      window.removeEventListener('mousedown', away, true)
      window.removeEventListener('keydown', key, true)
      window.removeEventListener('blur', onClose)
    }
  }, [onClose])
  // keep the menu inside the window
  const left = Math.min(x, window.innerWidth - 240)
  const top = Math.min(y, window.innerHeight - 40 - items.length * 28)
  return (
    <div ref={ref} className="grid-menu" role="menu" style={{ left, top }} data-testid="grid-menu">
      {items.map((it, i) =>
        it === 'sep' ? (
          <div key={`sep${i}`} className="grid-menu-sep" />
        ) : (
          <button
            key={it.key}
            type="button"
            role="menuitem"
            data-testid={`menu-${it.key}`}
            disabled={it.disabled}
            onClick={() => {
              onClose()
              it.run()
            }}
          >
            <span>{t(it.label)}</span>
            {it.shortcut && <kbd>{it.shortcut}</kbd>}
          </button>
        ),
      )}
    </div>
  )
}
