/**
 * `anju place --plan PLAN --k N | --budget WAN [--radius KM] [--region CODE] [--time S] [--json]`: the
 * placement optimizer from the command line — the same solver the app runs — printing the proposed
 * workshops, coverage before and after, and the proven optimality gap. It never writes to the plan.
 */
import { appError } from '../../../shared/api/errors.ts'
import { PlaceInputSchema } from '../../../shared/api/workshops-api.ts'
import { placeWorkshops } from '../../service/optimizer/place.ts'
import { Plan } from '../../service/plan.ts'
import type { Command } from '../command.ts'

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v))

export const placeCommand: Command = {
  name: 'place',
  usage: 'anju place --plan PLAN --k N [--budget WAN] [--radius KM] [--region CODE] [--time S] [--json]   车间选址优化 / propose new workshops',
  valued: ['plan', 'k', 'budget', 'radius', 'region', 'time'],
  async run(args, io) {
    const path = args.options.get('plan')
    if (!path) throw appError('INVALID_INPUT', '缺少 --plan', 'Missing --plan')
    const parsed = PlaceInputSchema.safeParse({
      k: num(args.options.get('k')),
      budgetWan: num(args.options.get('budget')),
      radiusKm: num(args.options.get('radius')),
      region: args.options.get('region'),
      timeLimitS: num(args.options.get('time')),
    })
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.join('.') ?? ''
      throw appError('INVALID_INPUT', `参数无效：${where} ${issue?.message ?? ''}（需要 --k N 或 --budget 万元）`, `Invalid option: ${where} ${issue?.message ?? ''} (need --k N or --budget WAN)`)
    }
    const plan = Plan.open(path, { readOnly: true })
    try {
      if (parsed.data.region && !plan.regions.get(parsed.data.region)) throw appError('INVALID_INPUT', `区划代码无效：${parsed.data.region}`, `Unknown region code: ${parsed.data.region}`)
      const r = await placeWorkshops(plan, parsed.data, {
        onProgress: (p) => {
          if (!args.flags.has('json') && p.phase === 'mip' && p.gap !== null) io.err(`… ${p.seconds.toFixed(1)} s  gap ${Number.isFinite(p.gap) ? (p.gap * 100).toFixed(2) : '∞'}%`)
        },
      })
      if (args.flags.has('json')) {
        io.out(JSON.stringify(r))
        return r.status === 'too-large' ? 3 : 0
      }
      io.out(`${r.message.zh}\n${r.message.en}`)
      io.out(`模型 / model: ${r.size.sites} sites, ${r.size.candidates} candidates, ${r.size.existing} workshops with vacancies, ${r.size.pairs} pairs (${r.size.columns} columns × ${r.size.rows} rows)`)
      if (r.status === 'too-large') {
        io.out('按地区分别求解 / solve per region:')
        for (const g of r.reducedRegions) io.out(`  anju place --plan ${path} --region ${g.code} ...   ${g.name} (${g.sites} sites)`)
        return 3
      }
      io.out(`待就业劳动力 / jobseekers: ${r.unemployed}`)
      io.out(`覆盖 / covered: before ${r.coveredBefore} → after ${r.coveredAfter}  (+${r.coveredAfter - r.coveredBefore})`)
      io.out(`目标值 / objective ${r.objective}, 上界 / bound ${r.bound}, 证明间隙 / proven gap ${(r.gap * 100).toFixed(3)}%, ${r.seconds} s`)
      io.out('\n#  新建车间 proposal                        jobs  covered  marginal  lat, lon            serves')
      r.proposals.forEach((p, i) => {
        const serves = p.serves.slice(0, 4).map((s) => `${s.name} ${s.amount}@${s.km}km`).join('; ')
        io.out(`${String(i + 1).padStart(2)} ${p.name.padEnd(30)} ${String(p.jobs).padStart(5)} ${String(p.covered).padStart(8)} ${String(p.marginalValue).padStart(9)}  ${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}  ${serves}${p.serves.length > 4 ? ` …(+${p.serves.length - 4})` : ''}`)
      })
      io.out('\n县 county            jobseekers   before    after')
      for (const c of r.counties) if (c.after !== c.before) io.out(`${c.countyCode} ${c.county.padEnd(10)} ${String(c.unemployed).padStart(8)} ${String(c.before).padStart(8)} ${String(c.after).padStart(8)}`)
      return 0
    } finally {
      plan.close()
    }
  },
}
