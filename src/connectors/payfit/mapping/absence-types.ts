import type { Reference } from '../../../unified/time-off.ts'
import { timeOffTypeByAbsenceType } from './enums.ts'

/** Our English names for PayFit's absence type codes; other codes get a name built from the code. */
const absenceTypeNames: Readonly<Record<string, string>> = {
  fr_conges_payes: 'Paid leave',
  uk_annual_leave: 'Annual leave',
  es_vacaciones: 'Vacation',
  uk_paid_leave: 'Paid leave (other)',
  fr_absence_remuneree: 'Paid absence',
  fr_rtt: 'RTT (reduced working time day)',
  fr_repos: 'Rest day',
  fr_sans_solde: 'Unpaid leave',
  uk_unpaid_leave: 'Unpaid leave',
  fr_maladie_ordinaire: 'Sick leave',
  uk_sick_leave: 'Sick leave',
  fr_maladie_professionnelle: 'Occupational illness',
  fr_accident_travail: 'Work accident',
  fr_accident_trajet: 'Commuting accident',
  fr_temps_partiel_therapeutique: 'Therapeutic part time',
  fr_maternite: 'Maternity leave',
  fr_paternite: 'Paternity leave',
  fr_second_parent: 'Second parent leave',
  fr_naissance: 'Birth leave',
  fr_enfant_malade: 'Sick child leave',
  fr_parental_education: 'Parental leave',
  fr_mariage: 'Wedding leave',
  fr_deces: 'Bereavement leave',
  fr_teletravail: 'Remote work',
  uk_remote: 'Remote work',
  es_teletrabajo: 'Remote work',
  fr_ecole: 'School or training',
  uk_compassionate_leave: 'Compassionate leave',
  es_visita_medica: 'Medical appointment',
  es_huelga: 'Strike',
  other: 'Other absence',
}

export function absenceTypeName(code: string): string {
  const known = absenceTypeNames[code]
  if (known !== undefined) return known

  const words = code.replace(/^(fr|uk|es)_/, '').replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A PayFit absence type as a time off type reference: its id is PayFit's code. */
export function absenceTypeToReference(code: string): Reference {
  return { id: code, remote_id: code, name: absenceTypeName(code), active: true }
}

const prefixByCountry: Readonly<Record<string, string>> = { FR: 'fr_', GB: 'uk_', ES: 'es_' }

/**
 * The absence types a company of `country` can hold. PayFit has no endpoint listing them
 * (payfit-api §11.6), so this is the known catalogue for the country, plus `other`.
 */
export function absenceTypeCodesForCountry(country: string | null): string[] {
  const prefix = country === null ? undefined : prefixByCountry[country]
  const known = Object.keys(timeOffTypeByAbsenceType).filter(
    (code) => prefix === undefined || code.startsWith(prefix),
  )
  const custom = country === 'GB' ? [1, 2, 3, 4, 5].map((n) => `uk_custom_leave_${n}`) : []
  return [...new Set([...known, ...custom, 'other'])]
}
