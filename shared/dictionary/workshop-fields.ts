/**
 * Poverty-alleviation workshop (扶贫车间 / 就业帮扶车间) fields from ../shared/docs/domain.md.
 */
import type { EntityDef, EnumValue, FieldDef, Label } from './types.ts'

export const WORKSHOP_TYPES: EnumValue[] = [
  { value: '厂房式', en: 'Factory', aliases: ['厂房型', '厂房'] },
  { value: '居家式', en: 'Home-based', aliases: ['居家型', '居家'] },
  { value: '种养式', en: 'Farming', aliases: ['种养型', '种养殖', '种植养殖'] },
  { value: '贸易流通式', en: 'Trade', aliases: ['贸易流通型', '贸易', '流通'] },
  { value: '文化旅游式', en: 'Culture and tourism', aliases: ['文化旅游型', '文旅', '乡村旅游'] },
]

export const WORKSHOP_STATUSES: EnumValue[] = [
  { value: '正常', en: 'Operating', aliases: ['正常运营', '运营', '在产', '生产'] },
  { value: '停产', en: 'Suspended', aliases: ['停工', '暂停'] },
  { value: '注销', en: 'Closed', aliases: ['已注销', '关闭'] },
  { value: '规划', en: 'Planned', aliases: ['拟建', '计划'] },
]

const g = {
  basic: { zh: '车间', en: 'Workshop' },
  place: { zh: '位置', en: 'Location' },
  jobs: { zh: '吸纳就业', en: 'Jobs' },
  other: { zh: '其他', en: 'Other' },
} satisfies Record<string, Label>

const PP: Label = { zh: '人', en: 'people' }

export const WORKSHOP_FIELDS: readonly FieldDef[] = [
  { key: 'name', label: { zh: '车间名称', en: 'Workshop name' }, group: g.basic, type: 'text', required: true, aliases: ['扶贫车间名称', '就业帮扶车间名称', '名称'], width: 170 },
  { key: 'operator', label: { zh: '经营主体', en: 'Operator' }, group: g.basic, type: 'text', aliases: ['经营单位', '企业名称', '运营主体'], width: 150 },
  { key: 'site_id', label: { zh: '所在安置点', en: 'Site served' }, group: g.place, type: 'site', aliases: ['安置点', '服务安置点', '安置点名称'], width: 160 },
  { key: 'township', label: { zh: '所在乡镇', en: 'Township' }, group: g.place, type: 'text', aliases: ['乡镇', '乡（镇、街道）'], width: 100 },
  { key: 'distance_km', total: 'none', label: { zh: '距安置点距离', en: 'Distance to site' }, group: g.place, type: 'decimal', decimals: 2, min: 0, unit: { zh: '公里', en: 'km' }, aliases: ['距离', '距安置点'], width: 100 },
  { key: 'lat', total: 'none', label: { zh: '纬度', en: 'Latitude' }, group: g.place, type: 'decimal', decimals: 6, min: 3, max: 54, width: 95, hiddenByDefault: true },
  { key: 'lon', total: 'none', label: { zh: '经度', en: 'Longitude' }, group: g.place, type: 'decimal', decimals: 6, min: 73, max: 136, width: 95, hiddenByDefault: true },
  { key: 'workshop_type', label: { zh: '车间类型', en: 'Workshop type' }, group: g.basic, type: 'enum', enumValues: WORKSHOP_TYPES, aliases: ['类型'], width: 100 },
  { key: 'industry', label: { zh: '产业类型', en: 'Industry' }, group: g.basic, type: 'text', aliases: ['行业', '产业', '主营产品'], width: 110 },
  { key: 'jobs', label: { zh: '吸纳就业人数', en: 'Jobs' }, short: { zh: '合计', en: 'Total' }, group: g.jobs, type: 'int', min: 0, unit: PP, aliases: ['就业人数', '吸纳就业', '带动就业人数'], width: 90 },
  { key: 'poor_workers', label: { zh: '其中：脱贫人口', en: 'Of which formerly poor' }, short: { zh: '脱贫人口', en: 'Formerly poor' }, group: g.jobs, type: 'int', min: 0, unit: PP, aliases: ['脱贫人口', '贫困人口', '建档立卡贫困人口', '吸纳脱贫人口'], width: 90 },
  { key: 'relocated_workers', label: { zh: '其中：搬迁群众', en: 'Of which relocated' }, short: { zh: '搬迁群众', en: 'Relocated' }, group: g.jobs, type: 'int', min: 0, unit: PP, aliases: ['搬迁群众', '搬迁人口', '易地搬迁群众'], width: 90 },
  { key: 'designed_jobs', label: { zh: '设计岗位数', en: 'Designed jobs' }, group: g.jobs, type: 'int', min: 0, unit: { zh: '个', en: 'jobs' }, aliases: ['岗位数', '设计岗位'], width: 90 },
  { key: 'avg_wage', total: 'avg', label: { zh: '月均工资', en: 'Average monthly wage' }, group: g.jobs, type: 'decimal', decimals: 0, min: 0, unit: { zh: '元', en: 'yuan' }, aliases: ['人均月工资', '月平均工资', '平均工资'], width: 95 },
  { key: 'contracts', label: { zh: '签订劳动合同人数', en: 'Labour contracts' }, group: g.jobs, type: 'int', min: 0, unit: PP, aliases: ['签订合同人数', '劳动合同人数'], width: 100 },
  { key: 'recognized_date', label: { zh: '认定时间', en: 'Recognised on' }, group: g.other, type: 'date', monthPrecision: true, aliases: ['认定日期', '挂牌时间'], width: 100 },
  { key: 'op_status', label: { zh: '运营状态', en: 'Operating status' }, group: g.other, type: 'enum', enumValues: WORKSHOP_STATUSES, aliases: ['状态', '经营状态'], width: 90 },
  { key: 'notes', label: { zh: '备注', en: 'Notes' }, group: g.other, type: 'text', width: 140 },
]

export const WORKSHOP_ENTITY: EntityDef = {
  key: 'workshop',
  label: { zh: '扶贫车间', en: 'Workshops' },
  table: 'workshop',
  titleField: 'name',
  fields: WORKSHOP_FIELDS,
}
