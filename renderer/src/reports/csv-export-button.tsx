/**
 * A toolbar button that saves what an entity grid shows (visible columns, current filter and sort) as
 * CSV in UTF-8 with a BOM. Pages pass it to EntityGrid through its `toolbar` prop.
 */
import type { EntityKey } from '../../../shared/dictionary/types.ts'
import { ENTITIES } from '../../../shared/dictionary/index.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'
import { downloadText, gridCsv } from './csv-export.ts'

export function CsvExportButton({ entity }: { entity: EntityKey }) {
  const { t } = useI18n()
  const app = useApp()
  const save = (): void => {
    const api = window.__grids?.[entity]
    if (!api || api.isDestroyed()) {
      app.toast('info', L('表格尚未加载', 'The grid is not loaded yet'))
      return
    }
    const stamp = new Date().toISOString().slice(0, 10)
    downloadText(gridCsv(api), `${ENTITIES[entity].label.zh}-${app.region ?? app.plan?.provinceCode ?? ''}-${stamp}.csv`)
  }
  return (
    <button type="button" onClick={save} data-testid={`csv-${entity}`} title={t(L('按当前筛选和排序导出 CSV（UTF-8）', 'Save this view as CSV (UTF-8)'))}>
      {t(L('导出 CSV', 'Export CSV'))}
    </button>
  )
}
