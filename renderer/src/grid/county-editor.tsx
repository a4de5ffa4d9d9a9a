/**
 * The county picker: a searchable list of the plan's counties (name, prefecture, code). Typing filters;
 * Enter or a click picks. Used by the county columns of every grid.
 */
import type { CustomCellEditorProps } from 'ag-grid-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { GridRow } from './columns.ts'

export interface CountyOption {
  code: string
  name: string
  prefecture: string
}

let cache: CountyOption[] = []
/** The grid layer sets the county list once per plan. */
export function setCountyOptions(list: CountyOption[]): void {
  cache = list
}

export function CountyEditor(props: CustomCellEditorProps<GridRow, string>) {
  const [query, setQuery] = useState(props.eventKey && props.eventKey.length === 1 ? props.eventKey : '')
  const [active, setActive] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])
  const matches = useMemo(() => {
    const q = query.trim()
    const list = q ? cache.filter((c) => c.name.includes(q) || c.code.startsWith(q) || c.prefecture.includes(q)) : cache
    return list.slice(0, 200)
  }, [query])
  const pick = (c: CountyOption | undefined): void => {
    if (!c) return
    props.onValueChange(c.code)
    setTimeout(() => props.stopEditing(), 0)
  }
  return (
    <div className="county-editor" onKeyDown={(e) => e.stopPropagation()}>
      <input
        ref={input}
        value={query}
        placeholder="搜索县名或代码 / search"
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1))
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
          else if (e.key === 'Enter') pick(matches[active])
          else if (e.key === 'Escape') props.stopEditing(true)
          else return
          e.preventDefault()
        }}
      />
      <ul role="listbox">
        {matches.map((c, i) => (
          <li key={c.code} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); pick(c) }}>
            <span>{c.name}</span>
            <small>
              {c.prefecture} · {c.code}
            </small>
          </li>
        ))}
      </ul>
    </div>
  )
}
