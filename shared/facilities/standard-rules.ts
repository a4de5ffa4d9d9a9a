/**
 * Standard facility sets: which facilities a site should have, by its size (planned people), its
 * mode (城镇/农村集中安置) and province. The rules are data a plan can edit (setting key
 * `facilities.standardRules`); these defaults follow the relocation guidance: every site gets road,
 * water, power, telecom, drainage, sanitation and a clinic; 800+ people a one-stop community service
 * centre and an employment service station (and a kindergarten); larger sites a primary school,
 * elderly care and markets; 10,000+ people a middle school.
 */
import { z } from 'zod'
import type { Label } from '../dictionary/types.ts'
import type { FacilityCatalogue } from './catalogue.ts'

export const STANDARD_RULES_SETTING_KEY = 'facilities.standardRules'

export const StandardRuleSchema = z.object({
  /** a catalogue key: a dictionary type or a plan's own item */
  item: z.string().trim().min(1).max(40),
  /** applies to sites with at least this many planned people */
  minPeople: z.number().int().min(0).default(0),
  /** and fewer than this many (open when absent) */
  maxPeople: z.number().int().min(1).optional(),
  /** only sites of these modes (all when absent) */
  modes: z.array(z.enum(['城镇集中安置', '农村集中安置'])).optional(),
  /** only sites in these provinces (6-digit codes; all when absent), e.g. heating in the north */
  provinces: z.array(z.string().regex(/^\d{2}0000$/)).optional(),
  /** scale written on the generated facility; default from the catalogue */
  scale: z.number().min(0).optional(),
  /** why the rule exists, shown beside it */
  note: z.string().max(200).optional(),
})
export type StandardRule = z.infer<typeof StandardRuleSchema>
export const StandardRulesSchema = z.array(StandardRuleSchema).max(300)

const NORTH = ['110000', '120000', '130000', '140000', '150000', '210000', '220000', '230000', '370000', '410000', '610000', '620000', '630000', '640000', '650000']

export const DEFAULT_STANDARD_RULES: StandardRule[] = [
  { item: '道路', minPeople: 0, scale: 1, note: '每个安置点：进出道路与小区道路' },
  { item: '供水', minPeople: 0 },
  { item: '供电', minPeople: 0 },
  { item: '通信网络', minPeople: 0 },
  { item: '排水及污水处理', minPeople: 0 },
  { item: '环卫设施', minPeople: 0 },
  { item: '卫生室/卫生院', minPeople: 0, note: '每个安置点至少有一处卫生服务设施' },
  { item: '文化活动场所', minPeople: 300 },
  { item: '超市/便民店', minPeople: 300 },
  { item: '社区综合服务中心', minPeople: 800, scale: 300, note: '800人以上：一站式社区综合服务中心' },
  { item: '就业服务站', minPeople: 800, note: '800人以上：就业服务站' },
  { item: '幼儿园', minPeople: 800 },
  { item: '警务室', minPeople: 800 },
  { item: '快递服务站', minPeople: 800 },
  { item: '供暖', minPeople: 800, provinces: NORTH, note: '北方省份800人以上集中供暖' },
  { item: '小学', minPeople: 3000 },
  { item: '养老服务设施', minPeople: 3000, scale: 30 },
  { item: '体育健身设施', minPeople: 3000 },
  { item: '农贸市场', minPeople: 3000 },
  { item: '银行服务网点', minPeople: 3000 },
  { item: '综合信息服务站', minPeople: 3000 },
  { item: '燃气', minPeople: 3000, modes: ['城镇集中安置'] },
  { item: '初中', minPeople: 10000, note: '万人以上大型安置区配建初中' },
  { item: '邮政', minPeople: 10000 },
]

/** What a rule needs to know about a site. */
export interface SiteForRules {
  planned_people: number | null
  mode: string | null
  county_code: string | null
}

export interface StandardItem {
  item: string
  type: string
  category: string
  unit: string
  scale: number
  label: Label
}

/** The facilities a site should have under the rules (in rule order, each catalogue item once). */
export function standardSetFor(site: SiteForRules, rules: readonly StandardRule[], catalogue: FacilityCatalogue): StandardItem[] {
  const people = site.planned_people ?? 0
  const province = site.county_code ? `${site.county_code.slice(0, 2)}0000` : null
  const out: StandardItem[] = []
  const seen = new Set<string>()
  for (const r of rules) {
    if (people < (r.minPeople ?? 0)) continue
    if (r.maxPeople !== undefined && people >= r.maxPeople) continue
    if (r.modes && (!site.mode || !r.modes.includes(site.mode as '城镇集中安置'))) continue
    if (r.provinces && (!province || !r.provinces.includes(province))) continue
    const item = catalogue.byKey.get(r.item)
    if (!item || item.disabled || seen.has(item.key)) continue
    seen.add(item.key)
    out.push({ item: item.key, type: item.type, category: item.category, unit: item.unit, scale: r.scale ?? item.defaultScale, label: item.label })
  }
  return out
}
