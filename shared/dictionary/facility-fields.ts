/**
 * Infrastructure and public-service facility (配套设施) fields and the facility catalogue
 * (categories, types and their usual units) from ../shared/docs/domain.md.
 */
import type { EntityDef, EnumValue, FieldDef, Label } from './types.ts'

export interface FacilityTypeDef {
  value: string
  en: string
  category: string
  unit: string
  aliases?: string[]
}

export const FACILITY_CATEGORIES: EnumValue[] = [
  { value: '基础设施', en: 'Infrastructure', aliases: ['基础配套', '基础设施建设'] },
  { value: '公共服务设施', en: 'Public services', aliases: ['公共服务', '公服设施', '公共服务配套'] },
  { value: '商业服务设施', en: 'Commercial services', aliases: ['商业服务', '商业配套', '商业设施'] },
]

export const FACILITY_TYPES: FacilityTypeDef[] = [
  { value: '道路', en: 'Roads', category: '基础设施', unit: '公里', aliases: ['道路硬化', '进出道路', '小区道路'] },
  { value: '供水', en: 'Water supply', category: '基础设施', unit: '处', aliases: ['饮水', '安全饮水', '给水'] },
  { value: '供电', en: 'Power supply', category: '基础设施', unit: '处', aliases: ['电力', '配电'] },
  { value: '通信网络', en: 'Telecom', category: '基础设施', unit: '处', aliases: ['通信', '网络', '宽带', '通讯'] },
  { value: '邮政', en: 'Post', category: '基础设施', unit: '处', aliases: ['邮政网点'] },
  { value: '燃气', en: 'Gas', category: '基础设施', unit: '处', aliases: ['天然气'] },
  { value: '供暖', en: 'Heating', category: '基础设施', unit: '处', aliases: ['供热', '采暖'] },
  { value: '排水及污水处理', en: 'Drainage and sewage', category: '基础设施', unit: '处', aliases: ['排水', '污水处理', '雨污管网'] },
  { value: '环卫设施', en: 'Sanitation', category: '基础设施', unit: '处', aliases: ['垃圾处理', '环卫', '公厕'] },
  { value: '幼儿园', en: 'Kindergarten', category: '公共服务设施', unit: '所', aliases: ['幼儿园建设'] },
  { value: '小学', en: 'Primary school', category: '公共服务设施', unit: '所', aliases: ['完小', '小学校'] },
  { value: '初中', en: 'Middle school', category: '公共服务设施', unit: '所', aliases: ['中学', '初级中学'] },
  { value: '卫生室/卫生院', en: 'Clinic', category: '公共服务设施', unit: '所', aliases: ['卫生室', '卫生院', '卫生服务站', '社区卫生服务站', '医疗', '诊所'] },
  { value: '养老服务设施', en: 'Elderly care', category: '公共服务设施', unit: '床位', aliases: ['养老院', '日间照料中心', '养老'] },
  { value: '社区综合服务中心', en: 'Community service centre', category: '公共服务设施', unit: '平方米', aliases: ['社区服务中心', '一站式服务中心', '综合服务中心', '党群服务中心'] },
  { value: '文化活动场所', en: 'Cultural venue', category: '公共服务设施', unit: '平方米', aliases: ['文化活动室', '文化广场', '农家书屋'] },
  { value: '体育健身设施', en: 'Sports and fitness', category: '公共服务设施', unit: '处', aliases: ['健身设施', '体育场', '篮球场'] },
  { value: '就业服务站', en: 'Employment service station', category: '公共服务设施', unit: '个', aliases: ['就业服务中心', '就业服务'] },
  { value: '警务室', en: 'Police post', category: '公共服务设施', unit: '个', aliases: ['警务站'] },
  { value: '综合信息服务站', en: 'Information service station', category: '商业服务设施', unit: '个', aliases: ['信息服务站'] },
  { value: '快递服务站', en: 'Parcel station', category: '商业服务设施', unit: '个', aliases: ['快递点', '物流服务站'] },
  { value: '银行服务网点', en: 'Bank service point', category: '商业服务设施', unit: '个', aliases: ['银行网点', '金融服务点'] },
  { value: '超市/便民店', en: 'Shop', category: '商业服务设施', unit: '个', aliases: ['超市', '便民店', '便利店'] },
  { value: '农贸市场', en: 'Farmers market', category: '商业服务设施', unit: '个', aliases: ['菜市场', '集贸市场'] },
]

export const FACILITY_NATURES: EnumValue[] = [
  { value: '新建', en: 'New build' },
  { value: '改扩建', en: 'Extension', aliases: ['改建', '扩建', '改造'] },
  { value: '共享周边', en: 'Shared nearby', aliases: ['共享', '依托周边', '利用周边'] },
]

export const FACILITY_STATUSES: EnumValue[] = [
  { value: '未开工', en: 'Not started', aliases: ['未动工', '待开工'] },
  { value: '在建', en: 'Under construction', aliases: ['建设中', '施工中'] },
  { value: '已完工', en: 'Completed', aliases: ['完工', '已竣工', '竣工'] },
  { value: '已交付使用', en: 'In use', aliases: ['交付使用', '已投入使用', '投入使用'] },
]

export const FUND_SOURCES: EnumValue[] = [
  { value: '中央预算内投资', en: 'Central budget', aliases: ['中央预算内', '中央投资'] },
  { value: '地方政府债券', en: 'Local government bonds', aliases: ['地方债', '政府债券'] },
  { value: '专项建设基金', en: 'Special construction fund', aliases: ['专项基金'] },
  { value: '整合涉农资金', en: 'Integrated agricultural funds', aliases: ['涉农资金'] },
  { value: '东西部协作资金', en: 'East-west cooperation funds', aliases: ['东西部协作', '东西协作资金'] },
]

export const FACILITY_UNITS: EnumValue[] = ['公里', '处', '所', '个', '平方米', '床位'].map((u) => ({ value: u, en: u }))

const g = {
  basic: { zh: '设施', en: 'Facility' },
  scale: { zh: '建设规模', en: 'Scale' },
  money: { zh: '投资', en: 'Investment' },
  planned: { zh: '计划', en: 'Planned' },
  actual: { zh: '实际', en: 'Actual' },
  other: { zh: '其他', en: 'Other' },
} satisfies Record<string, Label>

export const FACILITY_FIELDS: readonly FieldDef[] = [
  { key: 'site_id', label: { zh: '所在安置点', en: 'Site' }, group: g.basic, type: 'site', required: true, aliases: ['安置点', '安置点名称', '所属安置点'], width: 160 },
  { key: 'name', label: { zh: '设施名称', en: 'Facility name' }, group: g.basic, type: 'text', required: true, aliases: ['项目名称', '设施'], width: 170 },
  { key: 'category', label: { zh: '设施类别', en: 'Category' }, group: g.basic, type: 'enum', enumValues: FACILITY_CATEGORIES, aliases: ['类别', '设施分类'], width: 110 },
  { key: 'type', label: { zh: '设施类型', en: 'Type' }, group: g.basic, type: 'enum', enumValues: FACILITY_TYPES.map((t) => ({ value: t.value, en: t.en, aliases: t.aliases })), aliases: ['类型', '建设内容'], width: 120 },
  { key: 'nature', label: { zh: '建设性质', en: 'Nature' }, group: g.basic, type: 'enum', enumValues: FACILITY_NATURES, aliases: ['建设类型'], width: 90 },
  { key: 'scale', total: 'none', label: { zh: '建设规模', en: 'Scale' }, short: { zh: '数量', en: 'Amount' }, group: g.scale, type: 'decimal', decimals: 2, min: 0, aliases: ['规模', '建设规模数量'], width: 90 },
  { key: 'scale_unit', label: { zh: '规模单位', en: 'Unit' }, short: { zh: '单位', en: 'Unit' }, group: g.scale, type: 'enum', enumValues: FACILITY_UNITS, aliases: ['单位', '计量单位'], width: 70 },
  { key: 'planned_investment_wan', label: { zh: '计划投资', en: 'Planned investment' }, group: g.money, type: 'decimal', decimals: 2, min: 0, money: true, unit: { zh: '万元', en: '10k yuan' }, aliases: ['投资', '总投资', '计划总投资'], width: 100 },
  { key: 'fund_source', label: { zh: '资金来源', en: 'Fund source' }, group: g.money, type: 'enum', enumValues: FUND_SOURCES, aliases: ['资金渠道'], width: 130 },
  { key: 'planned_start', label: { zh: '计划开工', en: 'Planned start' }, short: { zh: '开工', en: 'Start' }, group: g.planned, type: 'date', monthPrecision: true, aliases: ['计划开工时间', '计划开工日期'], width: 105 },
  { key: 'planned_end', label: { zh: '计划完工', en: 'Planned end' }, short: { zh: '完工', en: 'End' }, group: g.planned, type: 'date', monthPrecision: true, aliases: ['计划完工时间', '计划完工日期', '计划竣工'], width: 105 },
  { key: 'actual_start', label: { zh: '实际开工', en: 'Actual start' }, short: { zh: '开工', en: 'Start' }, group: g.actual, type: 'date', monthPrecision: true, aliases: ['实际开工时间', '实际开工日期', '开工时间'], width: 105 },
  { key: 'actual_end', label: { zh: '实际完工', en: 'Actual end' }, short: { zh: '完工', en: 'End' }, group: g.actual, type: 'date', monthPrecision: true, aliases: ['实际完工时间', '实际完工日期', '完工时间', '竣工时间'], width: 105 },
  { key: 'status', label: { zh: '建设状态', en: 'Status' }, group: g.other, type: 'enum', enumValues: FACILITY_STATUSES, aliases: ['建设情况', '进度'], width: 100 },
  { key: 'responsible_unit', label: { zh: '责任单位', en: 'Responsible unit' }, group: g.other, type: 'text', aliases: ['实施单位', '建设单位'], width: 130 },
  { key: 'notes', label: { zh: '备注', en: 'Notes' }, group: g.other, type: 'text', width: 140 },
]

export const FACILITY_ENTITY: EntityDef = {
  key: 'facility',
  label: { zh: '配套设施', en: 'Facilities' },
  table: 'facility',
  titleField: 'name',
  fields: FACILITY_FIELDS,
}
