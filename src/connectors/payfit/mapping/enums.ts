import type {
  EmploymentContractType,
  EmploymentType,
  Gender,
  NationalIdType,
  TimeOffStatus,
  TimeOffType,
} from '../../../unified/enums.ts'
import { absenceTypeTable } from './absence-type-table.ts'

/*
 * Every PayFit value → unified value table the mapping uses. `docs/mapping.md` is rendered from
 * these objects (scripts/mapping-table.js), so the documentation cannot drift from the code.
 * A value missing from a table is sent as `unmapped_value` with its source kept.
 */

export const genderByCollaboratorGender = {
  male: 'male',
  female: 'female',
  other: 'other',
} as const satisfies Record<string, Gender>

/** `natureContratDsn` (DSN S21.G00.40.007, payfit-api §11.4); GB and ES contracts have none. */
export const employmentTypeByNatureContrat = {
  '01': 'permanent',
  '07': 'permanent',
  '02': 'temporary',
  '08': 'temporary',
  '10': 'temporary',
  '03': 'temporary',
  '29': 'intern',
  '92': 'intern',
  '89': 'volunteer',
} as const satisfies Record<string, EmploymentType>

/** Our English names for the DSN codes, sent as the employment type's `label`. */
export const natureContratLabels: Readonly<Record<string, string>> = {
  '01': 'Permanent contract (CDI)',
  '02': 'Fixed-term contract (CDD)',
  '03': 'Temporary agency assignment',
  '07': 'Intermittent permanent contract',
  '08': 'Customary fixed-term contract',
  '10': 'Fixed-term contract for a defined purpose',
  '29': 'Internship agreement',
  '32': 'Business-project support contract',
  '60': 'Educational engagement contract',
  '70': 'Sheltered-work support contract',
  '80': 'Corporate officer mandate',
  '81': 'Elected official mandate',
  '89': 'Civic service volunteering',
  '90': 'Other contract',
  '92': 'Vocational-training internship',
  '93': 'Service line',
}

/** Keyed by `String(isFullTime)`; the flag is null without `contracts:time-information:read`. */
export const contractTypeByIsFullTime = {
  true: 'full_time',
  false: 'part_time',
} as const satisfies Record<string, EmploymentContractType>

/**
 * `pending_cancellation` is an approved absence whose cancellation awaits a manager: a decision
 * is outstanding, so it reads as `pending`; `source_value` tells it from a new request.
 */
export const timeOffStatusByAbsenceStatus = {
  approved: 'approved',
  pending_approval: 'pending',
  declined: 'rejected',
  cancelled: 'cancelled',
  pending_cancellation: 'pending',
} as const satisfies Record<string, TimeOffStatus>

/** The number a social security number is, per company country (payfit-api §11.3, §11.5). */
export const nationalIdTypeByCountry = {
  FR: 'nir',
  GB: 'nin',
  ES: 'nss',
} as const satisfies Record<string, NationalIdType>

/** The readable absence type codes and their unified type, from the one absence type table. */
export const timeOffTypeByAbsenceType: Readonly<Record<string, TimeOffType>> = Object.fromEntries(
  absenceTypeTable.flatMap(({ code, unifiedType }) =>
    unifiedType === null ? [] : [[code, unifiedType]],
  ),
)
