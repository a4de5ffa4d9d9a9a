/**
 * The region tree: province → prefecture → county with site counts. Choosing a node filters every page.
 */
import { useState } from 'react'
import type { RegionNode } from '../../../shared/api/plan-api.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from './app-state.tsx'

function Node({ node, depth }: { node: RegionNode; depth: number }) {
  const app = useApp()
  const [open, setOpen] = useState(depth < 1)
  const selected = app.region === node.code || (app.region === null && depth === 0)
  return (
    <li>
      <div
        className={`tree-node level-${node.level}${selected ? ' selected' : ''}${node.siteCount === 0 ? ' empty' : ''}`}
        style={{ paddingLeft: 6 + depth * 14 }}
        data-region={node.code}
        onClick={() => app.setRegion(depth === 0 ? null : node.code)}
      >
        {node.children.length > 0 ? (
          <button
            type="button"
            className="twisty"
            aria-label={open ? 'collapse' : 'expand'}
            onClick={(e) => {
              e.stopPropagation()
              setOpen(!open)
            }}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty" />
        )}
        <span className="tree-name">{node.name}</span>
        <span className="tree-count">{node.siteCount}</span>
      </div>
      {open && node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <Node key={c.code} node={c} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  )
}

export function RegionTree() {
  const app = useApp()
  const { t } = useI18n()
  if (!app.tree) return <div className="region-tree">{t(L('加载中…', 'Loading…'))}</div>
  return (
    <nav className="region-tree" aria-label={t(L('区划', 'Regions'))}>
      <ul>
        <Node node={app.tree} depth={0} />
      </ul>
    </nav>
  )
}
