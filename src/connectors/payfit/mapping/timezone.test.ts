import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/*
 * Maps the date-bearing fixtures in a child process with the given TZ and prints the dates.
 * Kiritimati (UTC+14) and Honolulu (UTC−10) are 24 hours apart, so any date that passes
 * through local time lands on a different day in one of them.
 */
const script = `
import { collaboratorToEmployee, contractToEmployment, absenceToTimeOff } from ${JSON.stringify(here('../mapping.ts'))}
import * as f from ${JSON.stringify(here('./fixtures.ts'))}
import { dateToDateTime } from ${JSON.stringify(here('../../../unified/dates.ts'))}
const e = collaboratorToEmployee(f.camille, { company: f.company, contracts: [f.frenchContract], today: '2026-03-02' })
const m = contractToEmployment(f.frenchContractWith({ status: 'ARCHIVED', endDate: '2024-12-31' }))
const t = absenceToTimeOff(f.afternoonRtt, f.camille.id)
console.log(JSON.stringify({
  tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
  dates: [e.date_of_birth, e.hire_date, e.start_date, m.effective_date, m.end_date, t.start_date, t.end_date,
    dateToDateTime('2024-02-29'), dateToDateTime('2000-01-01'), dateToDateTime('1999-12-31')],
}))
`

async function datesUnder(timeZone: string): Promise<{ tz: string; dates: string[] }> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { env: { ...process.env, TZ: timeZone } },
  )
  return JSON.parse(stdout) as { tz: string; dates: string[] }
}

describe('date-only values under extreme time zones', () => {
  it.each(['Pacific/Kiritimati', 'Pacific/Honolulu', 'UTC'])(
    'maps every PayFit date to the same midnight UTC under TZ=%s',
    async (timeZone) => {
      const output = await datesUnder(timeZone)

      expect(output.tz).toBe(timeZone)
      expect(output.dates).toEqual([
        '1991-07-12T00:00:00.000Z',
        '2021-09-01T00:00:00.000Z',
        '2021-09-01T00:00:00.000Z',
        '2021-09-01T00:00:00.000Z',
        '2024-12-31T00:00:00.000Z',
        '2025-09-12T00:00:00.000Z',
        '2025-09-12T00:00:00.000Z',
        '2024-02-29T00:00:00.000Z',
        '2000-01-01T00:00:00.000Z',
        '1999-12-31T00:00:00.000Z',
      ])
    },
  )
})
