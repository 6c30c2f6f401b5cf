import type { TimeOffType } from '../../../../unified/enums.ts'

/*
 * The absence types PayFit lets an API client create, per company country (payfit-api §11.6).
 * The set differs from the readable one: family events are detailed, and types such as
 * `fr_maternite` or `fr_accident_travail` can be read but not created.
 */
export const creatableAbsenceTypes: Readonly<Record<string, readonly string[]>> = {
  FR: [
    'fr_conges_payes',
    'fr_rtt',
    'fr_repos',
    'fr_sans_solde',
    'fr_teletravail',
    'fr_ecole',
    'fr_maladie_ordinaire',
    'fr_mariage_salarie',
    'fr_pacs_salarie',
    'fr_mariage_enfant',
    'fr_mariage_frere_ou_soeur',
    'fr_mariage_beau_frere_ou_belle_soeur',
    'fr_mariage_ascendant',
    'fr_mariage_petit_enfant',
    'fr_deces_beau_pere_ou_belle_mere',
    'fr_deces_conjoint',
    'fr_deces_enfant',
    'fr_deces_frere_ou_soeur',
    'fr_deces_grand_parent',
    'fr_deces_pere_ou_mere',
    'fr_deces_beau_frere_ou_belle_soeur',
    'fr_deces_gendre_ou_belle_fille',
    'fr_deces_petit_enfant',
    'fr_demenagement',
    'fr_echographie_prenatale',
    'fr_conjoint_malade_ou_hospitalise',
    'fr_handicap_enfant',
    'fr_examen_professionnel_formation_continue',
    'fr_appel_preparation_defense',
    'fr_ceremonie_enfant_communion_solennelle',
    'fr_demarches_adoption',
  ],
  ES: [
    'es_huelga',
    'es_permiso_por_convenio_no_remunerado',
    'es_permiso_parental',
    'es_vacaciones',
    'es_teletrabajo',
    'es_descanso_horas_extras',
    'es_descanso_por_festivo_trabajado',
    'es_visita_medica',
    'es_permiso_por_matrimonio',
    'es_deber_inexcusable',
    'es_examenes_prenatales',
    'es_tecnicas_de_preparacion_al_parto',
    'es_adopcion',
    'es_mudanza',
    'es_permiso_por_examenes',
    'es_permiso_por_formacion',
    'es_asuntos_propios',
    'es_jornada_de_licencia',
    'es_lactancia_acumulada',
    'es_prematuros_hospitalizados',
    'es_permiso_especial_fuerza_mayor',
    'es_otro_asunto_personal',
    'es_fallecimiento_pariente_de_primer_grado_de_consanguinidad',
    'es_fallecimiento_pariente_de_segundo_grado_de_consanguinidad',
    'es_hospitalizacion_de_un_familiar',
    'es_intervencion_quirurgica_sin_hospitalizacion',
    'es_accidente_o_enfermedad_grave',
    'es_permiso_asistencia_a_matrimonio',
    'es_fallecimiento_pariente_de_tercer_grado_de_consanguinidad',
    'es_otro_asunto_familiar',
    'es_permiso_por_horas',
  ],
  GB: [
    'uk_annual_leave',
    'uk_remote',
    'uk_sick_leave',
    'uk_unpaid_leave',
    'uk_compassionate_leave',
    'uk_custom_leave_1',
    'uk_custom_leave_2',
    'uk_custom_leave_3',
    'uk_custom_leave_4',
    'uk_custom_leave_5',
  ],
}

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
