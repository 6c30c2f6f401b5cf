/*
 * Pure PayFit → unified mapping. Each function takes parsed PayFit JSON (schemas.ts) and returns
 * unified objects (src/unified); nothing here calls PayFit or reads the clock.
 */
export { absenceTypeCodesForCountry, absenceTypeToReference } from './mapping/absence-types.ts'
export {
  companyToCompany,
  companyToLocation,
  homeLocationId,
  parseLocationId,
  teamGroupId,
  teamNameFromGroupId,
  teamToGroup,
  workLocationId,
  type LocationOwner,
} from './mapping/company.ts'
export {
  collaboratorToWorkEligibility,
  payslipCategory,
  payslipCategoryId,
  payslipToDocument,
} from './mapping/documents.ts'
export { collaboratorToEmployee, type EmployeeContext } from './mapping/employee.ts'
export {
  contractToEmployment,
  employmentFactsOf,
  type AnyPayfitContract,
  type EmploymentFacts,
} from './mapping/employment.ts'
export { absenceToTimeOff } from './mapping/time-off.ts'
