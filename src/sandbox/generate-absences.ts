import { generatedAbsenceMix } from './absence-types.ts'
import { fromDays, toDays } from './dates.ts'
import type { Random } from './random.ts'
import type { AbsenceRecord, AbsenceStatus, ContractRecord, Country, Moment } from './types.ts'

const HISTORY_DAYS = 540
const PLANNED_DAYS = 90

/**
 * 0..5 absences per contract, spread over the last ~18 months and the next three. The window is
 * cut into one slot per absence so a contract's absences never overlap.
 */
export function generateAbsences(
  random: Random,
  contract: ContractRecord,
  context: { country: Country; today: string },
): AbsenceRecord[] {
  if (contract.status === 'PENDING') return []
  const todayDays = toDays(context.today)
  const first = Math.max(toDays(contract.startDate), todayDays - HISTORY_DAYS)
  const last = Math.min(
    contract.endDate === null ? todayDays + PLANNED_DAYS : toDays(contract.endDate),
    todayDays + PLANNED_DAYS,
  )
  const count = random.int(0, 5)
  if (count === 0 || last - first < count * 4) return []

  const slot = Math.floor((last - first + 1) / count)
  const absences: AbsenceRecord[] = []
  for (let i = 0; i < count; i++) {
    const slotStart = first + i * slot
    const type = random.weighted(generatedAbsenceMix[context.country])
    const length = Math.min(lengthInDays(random, type), slot - 1)
    const start = slotStart + random.int(0, slot - length - 1)
    const [startMoment, endMoment] = moments(random, length)
    absences.push({
      id: random.objectId(),
      contractId: contract.contractId,
      type,
      status: status(random, start > todayDays),
      startDate: { date: fromDays(start), moment: startMoment },
      endDate: { date: fromDays(start + length - 1), moment: endMoment },
    })
  }
  return absences
}

function lengthInDays(random: Random, type: string): number {
  if (
    type.endsWith('conges_payes') ||
    type.endsWith('vacaciones') ||
    type.endsWith('annual_leave')
  ) {
    return random.weighted([
      [1, 20],
      [3, 15],
      [5, 30],
      [10, 20],
      [15, 15],
    ] as const)
  }
  if (type.includes('maladie') || type.includes('sick') || type.includes('medica')) {
    return random.int(1, 6)
  }
  return random.weighted([
    [1, 85],
    [2, 15],
  ] as const)
}

/** Single days are sometimes halves: a morning ends mid-day, an afternoon starts mid-day. */
function moments(random: Random, length: number): [Moment, Moment] {
  if (length === 1 && random.chance(0.25)) {
    return random.chance(0.5)
      ? ['beginning-of-day', 'middle-of-day']
      : ['middle-of-day', 'end-of-day']
  }
  return ['beginning-of-day', 'end-of-day']
}

function status(random: Random, isFuture: boolean): AbsenceStatus {
  if (isFuture) {
    return random.weighted([
      ['approved', 80],
      ['pending_approval', 15],
      ['cancelled', 5],
    ] as const)
  }
  return random.weighted([
    ['approved', 88],
    ['cancelled', 6],
    ['declined', 4],
    ['pending_cancellation', 2],
  ] as const)
}
