/*
 * The field-by-field part of docs/mapping.md: which PayFit field feeds each unified field and
 * by which rule. Kept beside the mappers it describes; the enum tables come from enums.ts.
 */

type FieldRow = readonly [field: string, source: string, rule: string]

interface FieldTable {
  title: string
  intro: string
  rows: readonly FieldRow[]
}

const employee: FieldTable = {
  title: 'Employee ← collaborator (`collaboratorToEmployee`)',
  intro:
    'Built from one collaborator, its company and its contracts. The mapping never fetches: the ' +
    'operations pass the contracts, read from the company-wide contracts list. The current ' +
    'contract is the latest-started ACTIVE one, else the next PENDING one, else the one that ' +
    'ended last.',
  rows: [
    ['id, remote_id', '`id`', 'PayFit collaborator id'],
    ['first_name, last_name', '`firstName`, `lastName`', 'as is'],
    [
      'name, display_name',
      '`firstName`, `lastName`, `secondLastName`',
      'joined with spaces; the second surname only when `lastName` does not already end with it',
    ],
    ['gender', '`gender`', 'see Gender'],
    ['date_of_birth', '`birthDate`', 'midnight UTC'],
    ['work_email', '`emails[]` of type `professional`', 'first one'],
    [
      'personal_email',
      '`emails[]` of type `personal`',
      'first one; an `unknown` email only when the collaborator has no other email',
    ],
    ['work_phone_number', '`phoneNumbers[]` of type `professional`', 'first one'],
    [
      'personal_phone_number',
      '`phoneNumbers[]` of type `personal`, else untyped',
      'first one (needs `collaborators:personal:read`)',
    ],
    [
      'home_location',
      '`addresses[]` (type `personal`, else the first)',
      'Location `<collaboratorId>-home`, `location_type` home, country code or name → ISO code',
    ],
    [
      'work_location',
      'company `address`, `city`, `postalCode`, `country`',
      'Location `<companyId>-work`',
    ],
    [
      'manager_id, remote_manager_id',
      '`managerId`',
      "the manager's collaborator id (needs `collaborators:management:read`)",
    ],
    [
      'citizenships',
      '`nationality`',
      'one country wrapper; null when hidden (`collaborators:legal-identity:read`)',
    ],
    [
      'national_identity_numbers',
      '`socialSecurityNumber`, `temporaryTechnicalNumber`',
      'type by company country (see below); the French NTT as `other` (needs `collaborators:social-security:read`)',
    ],
    ['national_identity_number', 'same', 'the first of the list (deprecated field)'],
    ['employee_number', '`matricule`', 'as is'],
    [
      'employment_status',
      'contract statuses and dates, `terminationDate`',
      'see Employment status',
    ],
    [
      'hire_date',
      "contracts' `startDate`",
      'the earliest start among the contracts PayFit lists (it lists archived contracts for one year only)',
    ],
    ['start_date', 'current contract `startDate`', 'midnight UTC'],
    [
      'termination_date',
      '`terminationDate`',
      'else, for a terminated employee, the latest contract `endDate`',
    ],
    ['job_title', 'current contract `jobName`', 'null without `contracts:read`'],
    [
      'employment_type, employment_contract_type',
      'current contract',
      'copied from its employment (deprecated fields)',
    ],
    ['company, company_id, company_name', 'company', 'see Company'],
    [
      'employments',
      "the collaborator's contracts",
      'each through `contractToEmployment`, oldest first',
    ],
    ['groups', '`teamName`', 'one team group, or an empty list'],
  ],
}

const employment: FieldTable = {
  title: 'Employment ← contract (`contractToEmployment`)',
  intro: 'From `/contracts` (all countries) or `/contracts-fr` (adds the DSN codes).',
  rows: [
    ['id, remote_id', '`contractId`', 'PayFit contract id'],
    ['employee_id, remote_employee_id', '`collaboratorId`', 'as is'],
    ['job_title', '`jobName`', 'as is'],
    ['effective_date, start_date', '`startDate`', 'midnight UTC'],
    ['end_date', '`endDate`', 'midnight UTC, null while open-ended'],
    [
      'type, employment_type',
      '`natureContratDsn`',
      'see Employment type; `type.label` is our English name of the code',
    ],
    [
      'contract_type, employment_contract_type',
      '`isFullTime`',
      'see Contract type; null without `contracts:time-information:read`',
    ],
    ['fte', '`fullTimeEquivalent`', 'as is (0.8 for 28 h of 35)'],
    [
      'work_time',
      '`standardWeeklyHours`',
      '`{ duration: "PT35H", duration_unit: week }`; 24.5 h → `PT24H30M`',
    ],
    ['active', '`status`', '`true` for `ACTIVE`, else `false`'],
  ],
}

const timeOff: FieldTable = {
  title: 'Time off ← absence (`absenceToTimeOff`)',
  intro:
    "Absences hang on contracts; the employee is the contract's collaborator, resolved by the " +
    'caller. Start and end are the first and last day, both inclusive.',
  rows: [
    ['id, remote_id', '`id`', 'PayFit absence id'],
    [
      'employee_id, remote_employee_id',
      '`contractId` → contract `collaboratorId`',
      'resolved by the operation',
    ],
    ['status', '`status`', 'see Time off status'],
    ['type', '`type`', 'see Time off type'],
    ['reason', '`type`', '`{ id: code, remote_id: code, name: our English name }`'],
    ['start_date', '`startDate.date`', '`YYYY-MM-DDT00:00:00.000Z`'],
    [
      'end_date',
      '`endDate.date`',
      '`YYYY-MM-DDT00:00:00.000Z` (the last day off, not the day after)',
    ],
    ['start_half_day', '`startDate.moment`', '`true` when `middle-of-day` (afternoon only)'],
    ['end_half_day', '`endDate.moment`', '`true` when `middle-of-day` (morning only)'],
  ],
}

const others: FieldTable = {
  title: 'Company, locations, teams, documents, work eligibility',
  intro: 'PayFit addresses and teams have no ids, so ours are derived and documented here.',
  rows: [
    [
      'Company id, remote_id',
      'company `id`',
      'PayFit company id; `name`, `full_name`, `display_name` = `name`',
    ],
    [
      'Company unified_custom_fields',
      '`country`, `identificationNumber`',
      '`{ country, identification_number }` (SIRET in France, CIF in Spain)',
    ],
    ['Location (work)', 'company address', 'id `<companyId>-work`, remote_id the company id'],
    [
      'Location (home)',
      'collaborator personal address',
      'id `<collaboratorId>-home`, remote_id the collaborator id',
    ],
    [
      'Group (team)',
      '`teamName`',
      'id `team-` + base64url(name), reversible; remote_id the name; type `team`',
    ],
    [
      'Document (payslip)',
      'payslip list entry',
      "id/remote_id `payslipId`; name `Payslip YYYY-MM`; category and type `payslip`; file_format `pdf`; remote_url our `/unified/hris/employees/{id}/documents/{payslipId}/download` (PayFit's own URL needs the key and is never exposed)",
    ],
    ['Document category', '—', 'one reference, `payslip`'],
    [
      'Work eligibility',
      '`nationality`',
      'one record: type `other`, sub_type `citizenship`, issued_by the country; an empty list when the nationality is unknown or hidden. PayFit holds no visas or permits.',
    ],
  ],
}

export const fieldTables: readonly FieldTable[] = [employee, employment, timeOff, others]

export const notProvided: readonly string[] = [
  '`created_at` / `updated_at`: PayFit objects carry no creation or modification date, so these are never sent and `filter[updated_after]` cannot be answered from PayFit itself (PayFit has no such filter either).',
  "Time off balances, accruals and policies: PayFit's API exposes no leave counters or policies; time off has no `policy`, `time_off_policy_id`, `duration`, `approver_id` or `comment`.",
  'Pay: no salary, pay rate, pay period or currency (payslip PDFs only); employments have no `pay_*`, `grade` or `payroll_code`.',
  'Departments, divisions, cost centres, jobs, positions: PayFit has only a free team label; no job catalogue.',
  'Avatars, ethnicity, marital status, preferred language, custom fields, benefits, skills.',
  "Contract history beyond one year: PayFit lists active, pending and last year's archived contracts only, so `hire_date` can be later than the true first hire.",
  'Identity documents: no passport, visa or permit numbers.',
  'Documents other than payslips (GB income tax and auto-enrolment documents are not mapped).',
]

/** Judgement calls, with the reason, for readers who would have mapped differently. */
export const choices: readonly string[] = [
  'Paid leave (`fr_conges_payes`, `uk_annual_leave`, `es_vacaciones`) is `annual_leave`, not `vacation`: it is the statutory yearly entitlement.',
  'French RTT days compensate hours worked beyond 35 a week, hence `comp_time`; rest days given back for overtime or a worked holiday are `in_lieu`.',
  'Paternity, second-parent, birth, adoption and sick-child leave have no StackOne value of their own and become `child_care_leave`; only `fr_maternite` is `maternity_leave`.',
  'Remote-work days are not time off, but PayFit files them as absences; they come out as `other` so callers can drop them by `source_value`.',
  '`pending_cancellation` (an approved absence whose cancellation awaits a manager) is `pending`: a decision is outstanding; `source_value` tells it from a new request.',
  'Time off `start_date` and `end_date` are plain strings in the SDK; we send full ISO date-times at midnight UTC, like every other date, and the end is the last day off (inclusive).',
  "National id types: FR `nir` (rather than `insee`, the same number under its issuer's name), GB `nin`, ES `nss`; a country outside these three is `unmapped_value` with the country as `source_value`.",
  'A nationality hidden by scopes gives `citizenships: null`, not `[]`: unknown is not the same as none.',
  'Teams have no PayFit id; the group id is derived from the name, so renaming a team in PayFit yields a new group id.',
]
