import { Plan } from './electron/service/plan.ts'
import { fillPlan } from './electron/service/domain/sample-plan.ts'
import { rmSync } from 'node:fs'
const P = ['520000', '510000', '530000', '450000', '430000', '420000', '610000', '620000', '360000', '410000', '140000', '130000', '150000', '220000', '230000', '340000', '350000', '370000', '460000', '500000', '630000', '640000']
const path = '/tmp/gen-national.anju'
for (const s of ['', '-wal', '-shm', '.lock']) rmSync(path + s, { force: true })
const t = performance.now()
const plan = Plan.create(path, '520000')
fillPlan(plan, { provinceCodes: P, sites: 35000, seed: 35000, facilitiesPerSite: 12, workshopsPerSite: 34000 / 35000 })
console.log('ms', performance.now() - t, plan.repos.site.count(), plan.repos.facility.count(), plan.repos.workshop.count())
plan.close()
