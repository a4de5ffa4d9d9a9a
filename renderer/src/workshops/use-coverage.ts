/**
 * Employment coverage for the region chosen in the tree, recomputed by the service (it takes well under
 * a second even nationally) whenever sites or workshops change.
 */
import { useEffect, useState } from 'react'
import type { CoverageResult } from '../../../shared/api/workshops-api.ts'
import { call, on } from '../api/client.ts'

export function useCoverage(region: string | null, planVersion: number): CoverageResult | null {
  const [result, setResult] = useState<CoverageResult | null>(null)
  const [nonce, setNonce] = useState(0)
  useEffect(() => {
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
  }, [region, planVersion, nonce])
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = on('plan.changed', (c) => {
      if (!c.affected.site && !c.affected.workshop && !c.reload) return
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
