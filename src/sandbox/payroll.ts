import { isActiveDuring } from './contract-state.ts'
import { addMonthsToMonth, firstDayOfMonth, lastDayOfMonth, monthOf } from './dates.ts'
import { randomFor } from './random.ts'
import type { ContractRecord } from './types.ts'

/** How far back payslips go. */
const PAYSLIP_HISTORY_MONTHS = 24

/** French payroll closes between the 20th and the 27th (§11.7); the day is fixed per month. */
function closingDayOf(companyId: string, month: string): number {
  return 20 + randomFor(0, `${companyId}:close:${month}`).int(0, 7)
}

export function isPayrollCompleted(companyId: string, month: string, today: string): boolean {
  const current = monthOf(today)
  if (month !== current) return month < current
  return Number(today.slice(8, 10)) > closingDayOf(companyId, month)
}

export function payrollStatus(
  companyId: string,
  month: string,
  today: string,
): { status: 'completed' | 'not_completed'; executionEndDate: string | null } {
  if (!isPayrollCompleted(companyId, month, today)) {
    return { status: 'not_completed', executionEndDate: null }
  }
  const random = randomFor(0, `${companyId}:run:${month}`)
  const day = String(closingDayOf(companyId, month)).padStart(2, '0')
  const time = [random.int(7, 19), random.int(0, 59), random.int(0, 59)]
    .map((part) => String(part).padStart(2, '0'))
    .join(':')
  const millis = String(random.int(0, 999)).padStart(3, '0')
  return {
    status: 'completed',
    executionEndDate: `${firstDayOfMonth(month).slice(0, 8)}${day}T${time}.${millis}Z`,
  }
}

export interface Payslip {
  year: string
  month: string
  contractId: string
  payslipId: string
}

/** One payslip per contract per completed month it ran in, derived on demand, never stored. */
export function payslipsOf(contract: ContractRecord, today: string): Payslip[] {
  if (contract.initialisedAtMs !== null) return []
  const payslips: Payslip[] = []
  const oldest = addMonthsToMonth(monthOf(today), -PAYSLIP_HISTORY_MONTHS)
  let month = monthOf(contract.startDate) > oldest ? monthOf(contract.startDate) : oldest
  const lastMonth = contract.endDate === null ? monthOf(today) : monthOf(contract.endDate)
  for (; month <= lastMonth; month = addMonthsToMonth(month, 1)) {
    if (!isPayrollCompleted(contract.companyId, month, today)) break
    payslips.push({
      year: month.slice(0, 4),
      month: month.slice(4, 6),
      contractId: contract.contractId,
      payslipId: randomFor(0, `${contract.contractId}:payslip:${month}`).objectId(),
    })
  }
  return payslips
}

export interface WorkedTime {
  contractId: string
  effectiveWorkedTime: number | null
  payedWorkedTime: number | null
  workTimeUnit: 'days' | 'hours' | null
}

/** A month's worked-time aggregate for a contract running that month (§9.16). */
export function workedTimeOf(contract: ContractRecord, month: string): WorkedTime | undefined {
  if (!isActiveDuring(contract, firstDayOfMonth(month), lastDayOfMonth(month))) return undefined
  const random = randomFor(0, `${contract.contractId}:time:${month}`)
  if (contract.fr?.workingTimeModality === 'forfait_jours') {
    const days = random.int(17, 22)
    return {
      contractId: contract.contractId,
      effectiveWorkedTime: days - random.int(0, 2),
      payedWorkedTime: days,
      workTimeUnit: 'days',
    }
  }
  if (contract.standardWeeklyHours === null) {
    return {
      contractId: contract.contractId,
      effectiveWorkedTime: null,
      payedWorkedTime: null,
      workTimeUnit: null,
    }
  }
  const paid = Math.round(((contract.standardWeeklyHours * 52) / 12) * 100) / 100
  const effective = Math.round((paid - random.int(0, 3) * 7) * 100) / 100
  return {
    contractId: contract.contractId,
    effectiveWorkedTime: effective,
    payedWorkedTime: paid,
    workTimeUnit: 'hours',
  }
}

export interface MealVoucher {
  collaboratorId: string
  vouchersCount: number
  voucherAmount: number
  dayOffEligibility: boolean
  voucherCompanyPartAmount: number
  voucherEmployeePartAmount: number
}

/** Face value 8–13 EUR, employer share 50–60 % (§11.7), both fixed per company. */
export function mealVoucherOf(
  companyId: string,
  contract: ContractRecord,
  month: string,
): MealVoucher | undefined {
  if (!isActiveDuring(contract, firstDayOfMonth(month), lastDayOfMonth(month))) return undefined
  const company = randomFor(0, `${companyId}:meal-vouchers`)
  const amount = company.int(16, 26) / 2
  const companyPart = Math.round(amount * company.pick([0.5, 0.55, 0.6]) * 100) / 100
  return {
    collaboratorId: contract.collaborator.id,
    vouchersCount: randomFor(0, `${contract.contractId}:vouchers:${month}`).int(14, 22),
    voucherAmount: amount,
    dayOffEligibility: false,
    voucherCompanyPartAmount: companyPart,
    voucherEmployeePartAmount: Math.round((amount - companyPart) * 100) / 100,
  }
}
