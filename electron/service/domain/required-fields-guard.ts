/**
 * The minimal guard every plan has: required fields (a site's name and county, a facility's site...)
 * may not be emptied. The rule engine adds its error rules beside it.
 */
import type { Label } from '../../../shared/dictionary/types.ts'
import type { Repositories } from '../repositories/entity-repository.ts'
import { touchedRow, type RowGuard } from './actions.ts'

export function requiredFieldsGuard(repos: Repositories): RowGuard {
  return (_db, touched) => {
    const out: Label[] = []
    for (const [entity, t] of touched) {
      const repo = repos[entity]
      const required = repo.fields.filter((f) => f.required)
      for (const id of t.upserted) {
        const row = touchedRow(t, id, (i) => repo.get(i))
        if (!row) continue
        for (const f of required) {
          if (row[f.key] === null || row[f.key] === undefined || row[f.key] === '')
            out.push({ zh: `${f.label.zh}不能为空`, en: `${f.label.en} is required` })
        }
        if (out.length > 20) return out
      }
    }
    return out
  }
}
