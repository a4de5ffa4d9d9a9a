/**
 * Employment coverage for the region chosen in the tree, recomputed by the service (it takes well under
 * a second even nationally) whenever workshops or the site fields it reads change.
 */
import { useEffect, useState } from 'react'
import type { CoverageResult } from '../../../shared/api/workshops-api.ts'
import { call, on } from '../api/client.ts'

/** The site fields employment coverage reads (workshop-coverage-repository.ts). */
const COVERAGE_SITE_FIELDS = new Set(['code', 'name', 'county_code', 'county', 'township', 'lat', 'lon', 'moved_people', 'planned_people', 'labor_force', 'employed', 'labor_households', 'zero_employment_households'])

/** `enabled: false` defers the call (the sites page asks only once its rows are on screen). */
export function useCoverage(region: string | null, planVersion: number, enabled = true): CoverageResult | null {
  const [result, setResult] = useState<CoverageResult | null>(null)
  const [nonce, setNonce] = useState(0)
  useEffect(() => {
    if (!enabled) return
    let cancelled = false
    call('workshops.coverage', { region })
      .then((r) => {
        if (!cancelled) setResult(r)
      })
      .catch(() => {
        if (!cancelled) setResult(null)
      })
    return () => {
      cancelled = true
    }
  }, [region, planVersion, nonce, enabled])
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = on('plan.changed', (c) => {
      if (!c.affected.site && !c.affected.workshop && !c.reload) return
      // an edit of site fields coverage does not read (a township, a note) leaves it as it is
      const siteFields = c.changedFields?.site
      if (!c.reload && !c.affected.workshop && siteFields && !siteFields.some((f) => COVERAGE_SITE_FIELDS.has(f))) return
      clearTimeout(timer)
      timer = setTimeout(() => setNonce((n) => n + 1), 250)
    })
    return () => {
      clearTimeout(timer)
      off()
    }
  }, [])
  return result
}
