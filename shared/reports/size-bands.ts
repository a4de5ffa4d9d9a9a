/**
 * The site size bands of domain.md by planned people (<800, 800–3,000, 3,000–10,000, ≥10,000): the
 * summaries count sites per band in SQL with these limits, and the dashboard's click-through filters
 * the sites grid to a band with bandIndex, so a bar and the rows it opens always agree.
 */
export const BAND_LIMITS = [800, 3000, 10000] as const

/** The band (0–3) of a site's planned people; a site without a figure counts as under 800, as in the summaries. */
export function bandIndex(people: number | null | undefined): number {
  const p = typeof people === 'number' ? people : 0
  let i = 0
  while (i < BAND_LIMITS.length && p >= BAND_LIMITS[i]!) i++
  return i
}
