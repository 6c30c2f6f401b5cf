import { addDays } from './dates.ts'
import type { ContractRecord, ContractStatus } from './types.ts'

export interface Clock {
  today: string
  nowMs: number
  /** How long an initialised contract stays "in progress" (reference §9.13: 2–5 minutes). */
  visibilityDelayMs: number
}

export function isInProgress(contract: ContractRecord, clock: Clock): boolean {
  return (
    contract.initialisedAtMs !== null &&
    clock.nowMs - contract.initialisedAtMs < clock.visibilityDelayMs
  )
}

/** Generated contracts keep their status; initialised ones are PENDING until completed. */
export function statusOf(contract: ContractRecord, clock: Clock): ContractStatus {
  if (contract.initialisedAtMs === null) return contract.status
  if (isInProgress(contract, clock) || contract.startDate > clock.today) return 'PENDING'
  return 'ACTIVE'
}

/** Lists show active, pending and last year's archived contracts (§9.14). */
export function isListed(
  contract: ContractRecord,
  clock: Clock,
  includeInProgress: boolean,
): boolean {
  if (isInProgress(contract, clock)) return includeInProgress
  if (contract.status !== 'ARCHIVED' || contract.endDate === null) return true
  return contract.endDate >= addDays(clock.today, -365)
}

export function isActiveDuring(contract: ContractRecord, first: string, last: string): boolean {
  return contract.startDate <= last && (contract.endDate === null || contract.endDate >= first)
}
