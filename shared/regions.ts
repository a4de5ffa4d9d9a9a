/**
 * GB/T 2260 code arithmetic shared by both sides: which codes fall under a region.
 */

/** The code prefix that selects everything under a region: 52 for 520000, 5202 for 520200, the county itself. */
export function regionPrefixOf(code: string): string {
  if (/^\d{2}0000$/.test(code)) return code.slice(0, 2)
  if (/^\d{4}00$/.test(code)) return code.slice(0, 4)
  return code
}

export function regionLevelOf(code: string): 1 | 2 | 3 {
  if (/^\d{2}0000$/.test(code)) return 1
  if (/^\d{4}00$/.test(code)) return 2
  return 3
}

export function isUnder(countyCode: string, region: string | null | undefined): boolean {
  return !region || countyCode.startsWith(regionPrefixOf(region))
}
