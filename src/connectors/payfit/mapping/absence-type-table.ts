import type { TimeOffType } from '../../../unified/enums.ts'

/** A PayFit absence type code, the unified type it reads as, and whether an API client may create it. */
export interface AbsenceTypeRow {
  code: string
  /** Null when the code means what each company decided (UK custom leave): `unmapped_value`. */
  unifiedType: TimeOffType | null
  creatable: boolean
}

type Row = readonly [code: string, unifiedType: TimeOffType | null, creatable: boolean]

/*
 * Every PayFit absence type code we know (payfit-api §11.6); reads map through it and writes
 * check against it. Choices worth knowing: paid leave is the statutory yearly entitlement, so
 * `annual_leave` rather than `vacation`; French RTT days compensate hours worked beyond 35 a
 * week, so `comp_time`; rest days given back for overtime or a worked holiday are `in_lieu`;
 * paternity, second-parent, birth and sick-child leave have no StackOne value of their own and
 * go to `child_care_leave`; remote-work days are not time off but PayFit files them as
 * absences, so they come out as `other` (filter on source_value). The creatable set differs
 * from the readable one: family events are detailed, and types such as `fr_maternite` or
 * `fr_accident_travail` can be read but not created.
 */
const rows: readonly Row[] = [
  ['fr_conges_payes', 'annual_leave', true],
  ['uk_annual_leave', 'annual_leave', true],
  ['es_vacaciones', 'annual_leave', true],
  ['fr_absence_remuneree', 'paid', false],
  ['uk_paid_leave', 'paid', false],
  ['fr_rtt', 'comp_time', true],
  ['fr_repos', 'in_lieu', true],
  ['es_descanso_horas_extras', 'in_lieu', true],
  ['es_descanso_por_festivo_trabajado', 'in_lieu', true],
  ['es_compensacion_dias_trabajados', 'in_lieu', false],
  ['fr_sans_solde', 'unpaid', true],
  ['uk_unpaid_leave', 'unpaid', true],
  ['es_permiso_por_convenio_no_remunerado', 'unpaid', true],
  ['fr_maladie_ordinaire', 'sick', true],
  ['fr_maladie_professionnelle', 'sick', false],
  ['fr_temps_partiel_therapeutique', 'sick', false],
  ['fr_pathologique', 'sick', false],
  ['uk_sick_leave', 'sick', true],
  ['es_visita_medica', 'sick', true],
  ['fr_accident_travail', 'accident', false],
  ['fr_accident_trajet', 'accident', false],
  ['fr_maternite', 'maternity_leave', false],
  ['fr_paternite', 'child_care_leave', false],
  ['fr_second_parent', 'child_care_leave', false],
  ['fr_naissance', 'child_care_leave', false],
  ['fr_enfant_malade', 'child_care_leave', false],
  ['fr_parental_education', 'child_care_leave', false],
  ['fr_handicap_enfant', 'child_care_leave', true],
  ['fr_demarches_adoption', 'child_care_leave', true],
  ['es_permiso_parental', 'child_care_leave', true],
  ['es_adopcion', 'child_care_leave', true],
  ['es_lactancia_acumulada', 'child_care_leave', true],
  ['es_prematuros_hospitalizados', 'child_care_leave', true],
  ['fr_ecole', 'training', true],
  ['fr_examen_professionnel_formation_continue', 'training', true],
  ['es_permiso_por_examenes', 'training', true],
  ['es_permiso_por_formacion', 'training', true],
  ['fr_appel_preparation_defense', 'jury_duty', true],
  ['es_deber_inexcusable', 'jury_duty', true],
  ['fr_deces', 'bereavement', false],
  ['fr_deces_beau_pere_ou_belle_mere', 'bereavement', true],
  ['fr_deces_conjoint', 'bereavement', true],
  ['fr_deces_enfant', 'bereavement', true],
  ['fr_deces_frere_ou_soeur', 'bereavement', true],
  ['fr_deces_grand_parent', 'bereavement', true],
  ['fr_deces_pere_ou_mere', 'bereavement', true],
  ['fr_deces_beau_frere_ou_belle_soeur', 'bereavement', true],
  ['fr_deces_gendre_ou_belle_fille', 'bereavement', true],
  ['fr_deces_petit_enfant', 'bereavement', true],
  ['es_fallecimiento_pariente_de_primer_grado_de_consanguinidad', 'bereavement', true],
  ['es_fallecimiento_pariente_de_segundo_grado_de_consanguinidad', 'bereavement', true],
  ['es_fallecimiento_pariente_de_tercer_grado_de_consanguinidad', 'bereavement', true],
  ['uk_compassionate_leave', 'bereavement', true],
  ['fr_mariage', 'personal', false],
  ['fr_mariage_salarie', 'personal', true],
  ['fr_pacs_salarie', 'personal', true],
  ['fr_mariage_enfant', 'personal', true],
  ['fr_mariage_frere_ou_soeur', 'personal', true],
  ['fr_mariage_beau_frere_ou_belle_soeur', 'personal', true],
  ['fr_mariage_ascendant', 'personal', true],
  ['fr_mariage_petit_enfant', 'personal', true],
  ['fr_demenagement', 'personal', true],
  ['fr_echographie_prenatale', 'personal', true],
  ['fr_conjoint_malade_ou_hospitalise', 'personal', true],
  ['fr_ceremonie_enfant_communion_solennelle', 'personal', true],
  ['es_permiso_por_matrimonio', 'personal', true],
  ['es_permiso_asistencia_a_matrimonio', 'personal', true],
  ['es_examenes_prenatales', 'personal', true],
  ['es_tecnicas_de_preparacion_al_parto', 'personal', true],
  ['es_mudanza', 'personal', true],
  ['es_asuntos_propios', 'personal', true],
  ['es_otro_asunto_personal', 'personal', true],
  ['es_otro_asunto_familiar', 'personal', true],
  ['es_hospitalizacion_de_un_familiar', 'personal', true],
  ['es_intervencion_quirurgica_sin_hospitalizacion', 'personal', true],
  ['es_accidente_o_enfermedad_grave', 'personal', true],
  ['es_permiso_especial_fuerza_mayor', 'personal', true],
  ['es_permiso_por_horas', 'personal', true],
  ['es_jornada_de_licencia', 'leave_of_absence', true],
  ['es_huelga', 'absent', true],
  ['fr_teletravail', 'other', true],
  ['uk_remote', 'other', true],
  ['es_teletrabajo', 'other', true],
  ['other', 'other', false],
  ['uk_custom_leave_1', null, true],
  ['uk_custom_leave_2', null, true],
  ['uk_custom_leave_3', null, true],
  ['uk_custom_leave_4', null, true],
  ['uk_custom_leave_5', null, true],
]

export const absenceTypeTable: readonly AbsenceTypeRow[] = rows.map(
  ([code, unifiedType, creatable]) => ({ code, unifiedType, creatable }),
)
