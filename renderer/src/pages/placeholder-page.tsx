/**
 * A page whose tool is not built yet says so plainly rather than showing an empty frame.
 */
import type { Label } from '../../../shared/dictionary/types.ts'
import { useI18n } from '../i18n.tsx'

export function PlaceholderPage({ title }: { title: Label }) {
  const { t } = useI18n()
  return (
    <div className="placeholder-page">
      <h2>{t(title)}</h2>
      <p>{t({ zh: '此功能正在建设中。', en: 'This tool is being built.' })}</p>
    </div>
  )
}
