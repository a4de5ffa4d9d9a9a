/**
 * The field dictionary: every entity with its fields, and lookups used all over the app.
 */
import { FACILITY_ENTITY } from './facility-fields.ts'
import { SITE_ENTITY } from './site-fields.ts'
import type { EntityDef, EntityKey, FieldDef } from './types.ts'
import { WORKSHOP_ENTITY } from './workshop-fields.ts'

export * from './types.ts'
export { SITE_ENTITY, SITE_FIELDS, SITE_MODES, SITE_STATUSES } from './site-fields.ts'
export * from './facility-fields.ts'
export * from './workshop-fields.ts'

export const ENTITIES: Record<EntityKey, EntityDef> = {
  site: SITE_ENTITY,
  facility: FACILITY_ENTITY,
  workshop: WORKSHOP_ENTITY,
}

export const ENTITY_KEYS = Object.keys(ENTITIES) as EntityKey[]

const fieldIndex = new Map<EntityKey, Map<string, FieldDef>>(
  ENTITY_KEYS.map((e) => [e, new Map(ENTITIES[e].fields.map((f) => [f.key, f]))]),
)

export function fieldOf(entity: EntityKey, key: string): FieldDef | undefined {
  return fieldIndex.get(entity)?.get(key)
}

export function requireField(entity: EntityKey, key: string): FieldDef {
  const f = fieldOf(entity, key)
  if (!f) throw new Error(`unknown field ${entity}.${key}`)
  return f
}

/** Fields stored as columns of the entity's table (derived fields are computed when listing). */
export function storedFields(entity: EntityKey): FieldDef[] {
  return ENTITIES[entity].fields.filter((f) => !f.derived)
}

export function isEntityKey(x: string): x is EntityKey {
  return x === 'site' || x === 'facility' || x === 'workshop'
}

/** How a 合计 row combines a field (numbers sum unless the dictionary says otherwise). */
export function totalKind(f: FieldDef): 'sum' | 'avg' | 'none' {
  if (f.total) return f.total
  return f.type === 'int' || f.type === 'decimal' ? 'sum' : 'none'
}
