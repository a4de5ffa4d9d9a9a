/**
 * Ctrl+F inside a grid: a find box that highlights every matching cell and steps through them with
 * Enter / Shift+Enter (AG Grid's find is enterprise-only).
 */
import { useEffect, useRef, useState } from 'react'
import { L, useI18n } from '../i18n.tsx'
import type { Sheet } from './sheet.ts'

export function FindBar({ sheet, onClose }: { sheet: Sheet; onClose(): void }) {
  const { t } = useI18n()
  const [query, setQuery] = useState('')
  const [count, setCount] = useState(0)
  const [current, setCurrent] = useState(-1)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    input.current?.focus()
    input.current?.select()
    return () => sheet.clearFind()
  }, [sheet])
  useEffect(() => {
    const h = setTimeout(() => {
      setCount(sheet.find(query))
      setCurrent(sheet.findCurrent)
    }, 120)
    return () => clearTimeout(h)
  }, [query, sheet])
  const step = (d: number): void => {
    sheet.findStep(d)
    setCurrent(sheet.findCurrent)
  }
  return (
    <div className="find-bar" data-testid="find-bar">
      <input
        ref={input}
        value={query}
        placeholder={t(L('查找…（Enter 下一个）', 'Find… (Enter for next)'))}
        data-testid="find-input"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') step(e.shiftKey ? -1 : 1)
          else if (e.key === 'Escape') onClose()
          else return
          e.preventDefault()
          e.stopPropagation()
        }}
      />
      <span className="find-count" data-testid="find-count">
        {query.trim() ? (count === 0 ? t(L('无匹配', 'No match')) : `${current + 1} / ${count.toLocaleString()}`) : ''}
      </span>
      <button type="button" onClick={() => step(-1)} disabled={count === 0} title={t(L('上一个', 'Previous'))}>
        ↑
      </button>
      <button type="button" onClick={() => step(1)} disabled={count === 0} title={t(L('下一个', 'Next'))}>
        ↓
      </button>
      <button type="button" onClick={onClose} data-testid="find-close">
        ✕
      </button>
    </div>
  )
}
