import { addDays, addMonths, fromDays, toDays } from './dates.ts'
import type { Random } from './random.ts'
import type {
  CollaboratorRecord,
  CompanyRecord,
  ContractRecord,
  Country,
  FrenchContractFields,
} from './types.ts'

type Career = 'current' | 'internThenHired' | 'left' | 'future' | 'none'

const fullTimeHoursByCountry: Record<Country, number> = { FR: 35, ES: 40, GB: 37.5 }

interface ContractContext {
  random: Random
  company: CompanyRecord
  today: string
}

/** Gives a collaborator 0..2 contracts following one of a few realistic careers. */
export function generateContracts(
  context: ContractContext,
  collaborator: CollaboratorRecord,
  options: { isHead: boolean; jobName: string },
): ContractRecord[] {
  const { random, today } = context
  const career: Career = options.isHead
    ? 'current'
    : random.weighted<Career>([
        ['current', 84],
        ['internThenHired', 7],
        ['left', 6],
        ['future', 2],
        ['none', 1],
      ])
  const todayDays = toDays(today)

  switch (career) {
    case 'none':
      return []
    case 'future': {
      const start = fromDays(todayDays + random.int(7, 60))
      return [contract(context, collaborator, { ...options, start, end: null, nature: '01' })]
    }
    case 'left': {
      const start = fromDays(todayDays - random.int(200, 3000))
      const end = fromDays(random.int(toDays(start) + 90, todayDays - 1))
      const nature = random.weighted([
        ['01', 70],
        ['02', 25],
        ['29', 5],
      ] as const)
      return [contract(context, collaborator, { ...options, start, end, nature })]
    }
    case 'internThenHired': {
      const internStart = fromDays(todayDays - random.int(400, 2500))
      const internEnd = addDays(addMonths(internStart, 6), -1)
      const intern = contract(context, collaborator, {
        ...options,
        start: internStart,
        end: internEnd,
        nature: random.pick(['29', '02']),
      })
      const hired = contract(context, collaborator, {
        ...options,
        start: addDays(internEnd, 1),
        end: null,
        nature: '01',
      })
      return [intern, hired]
    }
    case 'current': {
      if (options.isHead) {
        const start = fromDays(todayDays - random.int(2000, 4000))
        return [contract(context, collaborator, { ...options, start, end: null, nature: '80' })]
      }
      const nature = random.weighted([
        ['01', 80],
        ['02', 13],
        ['29', 7],
      ] as const)
      if (nature === '29') {
        const start = fromDays(todayDays - random.int(0, 150))
        const end = addDays(addMonths(start, 6), -1)
        return [contract(context, collaborator, { ...options, start, end, nature })]
      }
      if (nature === '02') {
        // A French CDD lasts 18 months at most.
        const start = fromDays(todayDays - random.int(1, 400))
        const end = fromDays(random.int(todayDays + 1, toDays(start) + 540))
        return [contract(context, collaborator, { ...options, start, end, nature })]
      }
      const start = fromDays(todayDays - random.int(1, 4000))
      const end = null
      return [contract(context, collaborator, { ...options, start, end, nature })]
    }
  }
}

function contract(
  context: ContractContext,
  collaborator: CollaboratorRecord,
  spec: { start: string; end: string | null; nature: string; isHead: boolean; jobName: string },
): ContractRecord {
  const { random, company, today } = context
  const status =
    spec.start > today ? 'PENDING' : spec.end !== null && spec.end < today ? 'ARCHIVED' : 'ACTIVE'
  const fullTime = fullTimeHoursByCountry[company.country]
  const isIntern = spec.nature === '29'
  const hours = isIntern
    ? fullTime
    : random.weighted<number>([
        [fullTime, 72],
        [company.country === 'FR' ? 39 : fullTime, 13],
        [Math.round(fullTime * 0.8 * 2) / 2, 7],
        [Math.round(fullTime * 0.6 * 2) / 2, 5],
        [Math.round(fullTime * 0.9 * 2) / 2, 3],
      ])
  // A 39-hour week is full time with structural overtime, so its FTE stays 1.
  const fullTimeEquivalent = hours >= fullTime ? 1 : Math.round((hours / fullTime) * 100) / 100
  const probationMonths = isIntern ? 0 : spec.nature === '01' ? random.pick([2, 3, 4]) : 1

  return {
    contractId: random.objectId(),
    companyId: company.id,
    collaborator,
    jobName: isIntern ? `Stagiaire ${spec.jobName.toLowerCase()}` : spec.jobName,
    startDate: spec.start,
    endDate: spec.end,
    probationEndDate:
      probationMonths === 0 ? null : addDays(addMonths(spec.start, probationMonths), -1),
    status,
    standardWeeklyHours: hours,
    fullTimeEquivalent,
    isFullTime: fullTimeEquivalent === 1,
    fr:
      company.country === 'FR'
        ? frenchFields(random, company, { ...spec, status, hours, isIntern })
        : null,
    initialisedAtMs: null,
  }
}

function frenchFields(
  random: Random,
  company: CompanyRecord,
  spec: { nature: string; isHead: boolean; status: string; hours: number; isIntern: boolean },
): FrenchContractFields {
  const statut = spec.isHead
    ? '01'
    : random.weighted([
        ['02', 30],
        ['03', 25],
        ['04', 35],
        ['05', 10],
      ] as const)
  const isArchived = spec.status === 'ARCHIVED'
  const isCovered = !spec.isIntern && !isArchived && random.chance(0.92)
  const modality =
    statut === '02' && random.chance(0.45)
      ? 'forfait_jours'
      : spec.hours === 39 && random.chance(0.3)
        ? 'forfait_heures'
        : 'standard'
  return {
    natureContratDsn: spec.nature,
    statutConventionnelDsn: statut,
    motifRuptureDeContratDsn: isArchived ? endReason(random, spec.nature) : null,
    idcc: isArchived && random.chance(0.2) ? null : company.idcc,
    estCadreDirigeant: statut === '01',
    healthInsuranceContractIds: isCovered ? company.healthInsuranceContractIds : [],
    providentFundContractIds: isCovered ? company.providentFundContractIds : [],
    workingTimeModality: modality,
  }
}

function endReason(random: Random, nature: string): string {
  if (nature === '02')
    return random.weighted([
      ['031', 85],
      ['059', 10],
      ['034', 5],
    ] as const)
  if (nature === '29') return '999'
  return random.weighted([
    ['059', 45],
    ['043', 25],
    ['035', 8],
    ['034', 7],
    ['020', 8],
    ['014', 3],
    ['039', 4],
  ] as const)
}
