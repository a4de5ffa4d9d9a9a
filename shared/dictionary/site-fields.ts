/**
 * The resettlement site (安置点) fields, keyed exactly as ../shared/docs/domain.md names them.
 */
import type { EntityDef, EnumValue, FieldDef, Label } from './types.ts'

const g = {
  basic: { zh: '基本情况', en: 'Site' },
  planned: { zh: '规划安置', en: 'Planned' },
  poor: { zh: '其中：建档立卡', en: 'Of which registered poor' },
  moved: { zh: '已搬迁入住', en: 'Moved in' },
  labour: { zh: '人口与就业', en: 'Population and employment' },
  housing: { zh: '住房与投资', en: 'Housing and investment' },
  progress: { zh: '建设进度', en: 'Progress' },
  location: { zh: '位置', en: 'Location' },
  other: { zh: '其他', en: 'Other' },
} satisfies Record<string, Label>

const HH: Label = { zh: '户', en: 'households' }
const PP: Label = { zh: '人', en: 'people' }
const WAN: Label = { zh: '万元', en: '10k yuan' }

export const SITE_MODES: EnumValue[] = [
  { value: '城镇集中安置', en: 'Urban centralised', aliases: ['城镇安置', '县城安置', '集镇安置', '园区安置', '城镇', '城区安置', '县城', '集镇'] },
  { value: '农村集中安置', en: 'Rural centralised', aliases: ['农村安置', '中心村安置', '农村', '中心村', '村内安置'] },
]

export const SITE_STATUSES: EnumValue[] = [
  { value: '未开工', en: 'Not started', aliases: ['未动工', '待开工'] },
  { value: '在建', en: 'Under construction', aliases: ['建设中', '施工中', '正在建设'] },
  { value: '主体完工', en: 'Structure complete', aliases: ['主体竣工', '主体已完工'] },
  { value: '已竣工', en: 'Completed', aliases: ['竣工', '已完工', '完工'] },
  { value: '已入住', en: 'Occupied', aliases: ['入住', '已搬迁入住', '全部入住'] },
]

const count = (key: string, group: Label, short: Label, full: Label, unit: Label, aliases: string[] = []): FieldDef => ({
  key,
  label: full,
  short,
  group,
  type: 'int',
  unit,
  min: 0,
  aliases,
  width: 96,
})

export const SITE_FIELDS: readonly FieldDef[] = [
  { key: 'code', label: { zh: '安置点编码', en: 'Site code' }, group: g.basic, type: 'text', aliases: ['编码', '安置点代码', '安置区编码', '项目编码'], width: 120 },
  { key: 'name', label: { zh: '安置点名称', en: 'Site name' }, group: g.basic, type: 'text', required: true, aliases: ['安置点', '安置区名称', '安置区（点）名称', '安置点（区）名称', '项目名称', '集中安置点名称'], width: 170 },
  { key: 'county_code', label: { zh: '县级区划代码', en: 'County code' }, group: g.basic, type: 'county', required: true, aliases: ['县代码', '区划代码', '行政区划代码', '县级代码', '县（市、区）代码'], width: 110 },
  { key: 'county', label: { zh: '县（市、区）', en: 'County' }, group: g.basic, type: 'text', readOnly: true, aliases: ['县(市、区)', '县（区、市）', '县(区、市)', '县名', '区县', '所属县', '县（市）', '县市区', '县区'], width: 110 },
  { key: 'township', label: { zh: '乡（镇、街道）', en: 'Township' }, group: g.basic, type: 'text', aliases: ['乡镇', '乡(镇、街道)', '所在乡镇', '乡镇（街道）', '乡镇(街道)', '街道'], width: 110 },
  { key: 'mode', label: { zh: '安置方式', en: 'Mode' }, group: g.basic, type: 'enum', enumValues: SITE_MODES, aliases: ['安置类型', '安置模式'], width: 120 },
  count('planned_households', g.planned, { zh: '户数', en: 'Households' }, { zh: '规划安置户数', en: 'Planned households' }, HH, ['规划搬迁户数', '计划安置户数']),
  count('planned_people', g.planned, { zh: '人数', en: 'People' }, { zh: '规划安置人数', en: 'Planned people' }, PP, ['规划搬迁人数', '计划安置人数', '安置规模']),
  count('poor_households', g.poor, { zh: '户数', en: 'Households' }, { zh: '建档立卡户数', en: 'Registered poor households' }, HH, ['建档立卡贫困户数', '建档立卡贫困户', '贫困户数']),
  count('poor_people', g.poor, { zh: '人数', en: 'People' }, { zh: '建档立卡人数', en: 'Registered poor people' }, PP, ['建档立卡贫困人口', '建档立卡贫困人数', '贫困人口', '贫困人数']),
  count('moved_households', g.moved, { zh: '户数', en: 'Households' }, { zh: '已搬迁入住户数', en: 'Households moved in' }, HH, ['已入住户数', '搬迁入住户数', '实际入住户数']),
  count('moved_people', g.moved, { zh: '人数', en: 'People' }, { zh: '已搬迁入住人数', en: 'People moved in' }, PP, ['已入住人数', '搬迁入住人数', '实际入住人数']),
  count('minority_people', g.labour, { zh: '少数民族人口', en: 'Minority people' }, { zh: '少数民族人口', en: 'Minority people' }, PP, ['少数民族人数', '其中少数民族']),
  count('labor_force', g.labour, { zh: '劳动力人数', en: 'Labour force' }, { zh: '劳动力人数', en: 'Labour force' }, PP, ['劳动力', '劳动力总数', '搬迁劳动力']),
  count('employed', g.labour, { zh: '已就业人数', en: 'Employed' }, { zh: '已就业人数', en: 'Employed' }, PP, ['已就业', '就业人数', '实现就业人数', '已就业劳动力']),
  count('labor_households', g.labour, { zh: '有劳动力家庭户数', en: 'Households with labour' }, { zh: '有劳动力家庭户数', en: 'Households with labour' }, HH, ['有劳动力户数', '有劳动力家庭']),
  count('zero_employment_households', g.labour, { zh: '零就业家庭户数', en: 'Zero-employment households' }, { zh: '零就业家庭户数', en: 'Zero-employment households' }, HH, ['零就业家庭', '零就业户数']),
  count('housing_units', g.housing, { zh: '安置住房套数', en: 'Housing units' }, { zh: '安置住房套数', en: 'Housing units' }, { zh: '套', en: 'units' }, ['住房套数', '安置房套数', '建设套数']),
  { key: 'floor_area_m2', label: { zh: '建筑面积', en: 'Floor area' }, group: g.housing, type: 'decimal', decimals: 2, min: 0, unit: { zh: '平方米', en: 'm²' }, aliases: ['住房建筑面积', '安置房建筑面积', '建筑面积（平方米）', '建筑面积(m2)', '建筑面积（㎡）'], width: 110 },
  { key: 'investment_wan', label: { zh: '总投资', en: 'Total investment' }, group: g.housing, type: 'decimal', decimals: 2, min: 0, money: true, unit: WAN, aliases: ['计划总投资', '项目总投资', '概算总投资'], width: 110 },
  { key: 'investment_done_wan', label: { zh: '已完成投资', en: 'Investment done' }, group: g.housing, type: 'decimal', decimals: 2, min: 0, money: true, unit: WAN, aliases: ['完成投资', '累计完成投资', '已完成投资额'], width: 110 },
  { key: 'start_date', label: { zh: '开工日期', en: 'Start date' }, group: g.progress, type: 'date', monthPrecision: true, aliases: ['开工时间', '实际开工时间', '开工年月'], width: 110 },
  { key: 'completion_date', label: { zh: '竣工日期', en: 'Completion date' }, group: g.progress, type: 'date', monthPrecision: true, aliases: ['竣工时间', '完工时间', '完工日期', '竣工年月'], width: 110 },
  { key: 'move_in_date', label: { zh: '入住日期', en: 'Move-in date' }, group: g.progress, type: 'date', monthPrecision: true, aliases: ['入住时间', '搬迁入住时间', '搬迁入住日期', '入住年月'], width: 110 },
  { key: 'status', label: { zh: '建设状态', en: 'Status' }, group: g.progress, type: 'enum', enumValues: SITE_STATUSES, aliases: ['建设情况', '进度', '工程进度', '建设进度'], width: 100 },
  { key: 'lat', total: 'none', label: { zh: '纬度', en: 'Latitude' }, group: g.location, type: 'decimal', decimals: 6, min: 3, max: 54, aliases: ['北纬'], width: 100, hiddenByDefault: true },
  { key: 'lon', total: 'none', label: { zh: '经度', en: 'Longitude' }, group: g.location, type: 'decimal', decimals: 6, min: 73, max: 136, aliases: ['东经'], width: 100, hiddenByDefault: true },
  { key: 'one_district_one_policy', label: { zh: '一区一策', en: 'Site-specific plan' }, group: g.other, type: 'bool', aliases: ['是否一区一策', '一区一策方案', '是否制定一区一策'], width: 90 },
  { key: 'notes', label: { zh: '备注', en: 'Notes' }, group: g.other, type: 'text', aliases: ['说明'], width: 160 },
]

export const SITE_ENTITY: EntityDef = {
  key: 'site',
  label: { zh: '安置点', en: 'Resettlement sites' },
  table: 'site',
  titleField: 'name',
  fields: SITE_FIELDS,
}
