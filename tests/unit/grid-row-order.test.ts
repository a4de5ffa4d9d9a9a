import { describe, expect, it } from 'vitest'
import { insertionGroups } from '../../shared/grid/row-order.ts'

const site = (id: number, code: string | null) => ({ id, code })

describe('insertionGroups (rows coming back with a patch)', () => {
  it('puts sites back at their place by code, last place first', () => {
    const existing = [site(1, '520102-001'), site(2, '520102-002'), site(5, '520102-005'), site(6, '520103-001')]
    const groups = insertionGroups('site', existing, [site(4, '520102-004'), site(3, '520102-003'), site(9, '520199-001'), site(8, null)])
    expect(groups).toEqual([
      { index: 4, rows: [site(9, '520199-001')] },
      { index: 2, rows: [site(3, '520102-003'), site(4, '520102-004')] },
      { index: 0, rows: [site(8, null)] },
    ])
  })

  it('orders facilities by site then id', () => {
    const f = (id: number, site_id: number) => ({ id, site_id })
    expect(insertionGroups('facility', [f(1, 10), f(2, 10), f(7, 12)], [f(3, 10), f(4, 11)])).toEqual([{ index: 2, rows: [f(3, 10), f(4, 11)] }])
  })
})
