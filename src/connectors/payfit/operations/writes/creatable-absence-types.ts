import type { TimeOffType } from '../../../../unified/enums.ts'
import { absenceTypeTable } from '../../mapping/absence-type-table.ts'

const prefixByCountry: Readonly<Record<string, string>> = { FR: 'fr_', ES: 'es_', GB: 'uk_' }

/** The absence types PayFit lets an API client create, per company country (payfit-api §11.6). */
export const creatableAbsenceTypes: Readonly<Record<string, readonly string[]>> =
  Object.fromEntries(
    Object.entries(prefixByCountry).map(([country, prefix]) => [
      country,
      absenceTypeTable
        .filter(({ code, creatable }) => creatable && code.startsWith(prefix))
        .map(({ code }) => code),
    ]),
  )

/*
 * A unified type → the one PayFit type it means, per country. Only unambiguous pairs: a type
 * that covers several PayFit types (bereavement, personal, other…) needs the exact PayFit code
 * in `time_off_policy_id`. `vacation` is taken as the statutory paid leave, like `annual_leave`.
 */
export const absenceTypeByTimeOffType: Readonly<
  Record<string, Partial<Record<TimeOffType, string>>>
> = {
  FR: {
    annual_leave: 'fr_conges_payes',
    vacation: 'fr_conges_payes',
    comp_time: 'fr_rtt',
    in_lieu: 'fr_repos',
    unpaid: 'fr_sans_solde',
    sick: 'fr_maladie_ordinaire',
    training: 'fr_ecole',
    jury_duty: 'fr_appel_preparation_defense',
  },
  ES: {
    annual_leave: 'es_vacaciones',
    vacation: 'es_vacaciones',
    unpaid: 'es_permiso_por_convenio_no_remunerado',
    child_care_leave: 'es_permiso_parental',
    jury_duty: 'es_deber_inexcusable',
    leave_of_absence: 'es_jornada_de_licencia',
    absent: 'es_huelga',
  },
  GB: {
    annual_leave: 'uk_annual_leave',
    vacation: 'uk_annual_leave',
    sick: 'uk_sick_leave',
    unpaid: 'uk_unpaid_leave',
    bereavement: 'uk_compassionate_leave',
  },
}
