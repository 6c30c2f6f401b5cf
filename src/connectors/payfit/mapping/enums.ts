import type {
  EmploymentContractType,
  EmploymentType,
  Gender,
  NationalIdType,
  TimeOffStatus,
  TimeOffType,
} from '../../../unified/enums.ts'

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

function each<V extends TimeOffType>(codes: readonly string[], value: V): Record<string, V> {
  return Object.fromEntries(codes.map((code) => [code, value]))
}

/*
 * PayFit absence type codes (payfit-api §11.6). Choices worth knowing: paid leave is the
 * statutory yearly entitlement, so `annual_leave` rather than `vacation`; French RTT days
 * compensate hours worked beyond 35 a week, so `comp_time`; rest days given back for overtime
 * or a worked holiday are `in_lieu`; paternity, second-parent, birth and sick-child leave have
 * no StackOne value of their own and go to `child_care_leave`; remote-work days are not time
 * off but PayFit files them as absences, so they come out as `other` (filter on source_value);
 * UK custom leave types mean what each company decided, so they stay `unmapped_value`.
 */
export const timeOffTypeByAbsenceType: Readonly<Record<string, TimeOffType>> = {
  ...each(['fr_conges_payes', 'uk_annual_leave', 'es_vacaciones'], 'annual_leave'),
  ...each(['fr_absence_remuneree', 'uk_paid_leave'], 'paid'),
  ...each(['fr_rtt'], 'comp_time'),
  ...each(
    [
      'fr_repos',
      'es_descanso_horas_extras',
      'es_descanso_por_festivo_trabajado',
      'es_compensacion_dias_trabajados',
    ],
    'in_lieu',
  ),
  ...each(['fr_sans_solde', 'uk_unpaid_leave', 'es_permiso_por_convenio_no_remunerado'], 'unpaid'),
  ...each(
    [
      'fr_maladie_ordinaire',
      'fr_maladie_professionnelle',
      'fr_temps_partiel_therapeutique',
      'fr_pathologique',
      'uk_sick_leave',
      'es_visita_medica',
    ],
    'sick',
  ),
  ...each(['fr_accident_travail', 'fr_accident_trajet'], 'accident'),
  ...each(['fr_maternite'], 'maternity_leave'),
  ...each(
    [
      'fr_paternite',
      'fr_second_parent',
      'fr_naissance',
      'fr_enfant_malade',
      'fr_parental_education',
      'fr_handicap_enfant',
      'fr_demarches_adoption',
      'es_permiso_parental',
      'es_adopcion',
      'es_lactancia_acumulada',
      'es_prematuros_hospitalizados',
    ],
    'child_care_leave',
  ),
  ...each(
    [
      'fr_ecole',
      'fr_examen_professionnel_formation_continue',
      'es_permiso_por_examenes',
      'es_permiso_por_formacion',
    ],
    'training',
  ),
  ...each(['fr_appel_preparation_defense', 'es_deber_inexcusable'], 'jury_duty'),
  ...each(
    [
      'fr_deces',
      'fr_deces_beau_pere_ou_belle_mere',
      'fr_deces_conjoint',
      'fr_deces_enfant',
      'fr_deces_frere_ou_soeur',
      'fr_deces_grand_parent',
      'fr_deces_pere_ou_mere',
      'fr_deces_beau_frere_ou_belle_soeur',
      'fr_deces_gendre_ou_belle_fille',
      'fr_deces_petit_enfant',
      'es_fallecimiento_pariente_de_primer_grado_de_consanguinidad',
      'es_fallecimiento_pariente_de_segundo_grado_de_consanguinidad',
      'es_fallecimiento_pariente_de_tercer_grado_de_consanguinidad',
      'uk_compassionate_leave',
    ],
    'bereavement',
  ),
  ...each(
    [
      'fr_mariage',
      'fr_mariage_salarie',
      'fr_pacs_salarie',
      'fr_mariage_enfant',
      'fr_mariage_frere_ou_soeur',
      'fr_mariage_beau_frere_ou_belle_soeur',
      'fr_mariage_ascendant',
      'fr_mariage_petit_enfant',
      'fr_demenagement',
      'fr_echographie_prenatale',
      'fr_conjoint_malade_ou_hospitalise',
      'fr_ceremonie_enfant_communion_solennelle',
      'es_permiso_por_matrimonio',
      'es_permiso_asistencia_a_matrimonio',
      'es_examenes_prenatales',
      'es_tecnicas_de_preparacion_al_parto',
      'es_mudanza',
      'es_asuntos_propios',
      'es_otro_asunto_personal',
      'es_otro_asunto_familiar',
      'es_hospitalizacion_de_un_familiar',
      'es_intervencion_quirurgica_sin_hospitalizacion',
      'es_accidente_o_enfermedad_grave',
      'es_permiso_especial_fuerza_mayor',
      'es_permiso_por_horas',
    ],
    'personal',
  ),
  ...each(['es_jornada_de_licencia'], 'leave_of_absence'),
  ...each(['es_huelga'], 'absent'),
  ...each(['fr_teletravail', 'uk_remote', 'es_teletrabajo', 'other'], 'other'),
}
