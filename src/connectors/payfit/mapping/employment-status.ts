import type { EmploymentStatus, SourceValue } from '../../../unified/enums.ts'

/*
 * An employee's status is not a PayFit field: it follows from the contracts' statuses and
 * dates and the collaborator's `terminationDate` (the end of the last current contract,
 * payfit-api §11.1). Rules are tried in order; the first that holds gives the status and the
 * PayFit value it rests on becomes `source_value`. "Before today" is strict: an employee is
 * still active on their last day.
 */

export interface ContractFacts {
  status: string
  startDate: string | null
  endDate: string | null
}

export interface StatusFacts {
  contracts: readonly ContractFacts[]
  terminationDate: string | null
  today: string
}

export interface EmploymentStatusRule {
  value: EmploymentStatus
  when: string
  /** What `source_value` holds when this rule decides, for the documentation. */
  source: string
  sourceOf: (facts: StatusFacts) => SourceValue | null
}

function isRunning(contract: ContractFacts, today: string): boolean {
  return contract.status === 'ACTIVE' && (contract.endDate === null || contract.endDate >= today)
}

function isOver(contract: ContractFacts, today: string): boolean {
  return contract.status === 'ARCHIVED' || (contract.endDate !== null && contract.endDate < today)
}

function hasLeft(facts: StatusFacts): boolean {
  return facts.terminationDate !== null && facts.terminationDate < facts.today
}

export const employmentStatusRules: readonly EmploymentStatusRule[] = [
  {
    value: 'active',
    when: 'an ACTIVE contract has not ended and terminationDate is not before today',
    source: '`ACTIVE`',
    sourceOf: (facts) =>
      !hasLeft(facts) && facts.contracts.some((c) => isRunning(c, facts.today)) ? 'ACTIVE' : null,
  },
  {
    value: 'pending',
    when: 'otherwise, a contract is PENDING (signed, not started, or still being set up)',
    source: '`PENDING`',
    sourceOf: (facts) => (facts.contracts.some((c) => c.status === 'PENDING') ? 'PENDING' : null),
  },
  {
    value: 'terminated',
    when: 'otherwise, terminationDate is before today',
    source: 'the termination date',
    sourceOf: (facts) => (hasLeft(facts) ? facts.terminationDate : null),
  },
  {
    value: 'terminated',
    when: 'otherwise, there are contracts and every one is ARCHIVED or ended before today',
    source: '`ARCHIVED`',
    sourceOf: (facts) =>
      facts.contracts.length > 0 && facts.contracts.every((c) => isOver(c, facts.today))
        ? 'ARCHIVED'
        : null,
  },
]

/** `unknown` when no rule holds: no contract is visible (none yet, or no contract scope). */
export function employmentStatusOf(facts: StatusFacts): {
  value: EmploymentStatus
  source_value: SourceValue | null
} {
  for (const rule of employmentStatusRules) {
    const source = rule.sourceOf(facts)
    if (source !== null) return { value: rule.value, source_value: source }
  }
  return { value: 'unknown', source_value: null }
}
