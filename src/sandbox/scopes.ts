/** Every scope PayFit documents today (reference §4.1); the `full` key holds them all. */
export const allScopes = [
  'collaborators:read',
  'collaborators:contracts:read',
  'collaborators:management:read',
  'collaborators:personal:read',
  'collaborators:social-security:read',
  'collaborators:legal-identity:read',
  'collaborators:bank-info:read',
  'collaborators:meal-vouchers:read',
  'collaborators:write',
  'collaborators:contracts:write',
  'contracts:read',
  'contracts:time-information:read',
  'contracts:payslips:read',
  'accounting:read',
  'payment-files:read',
  'time:read',
  'time:write',
  'health-insurance:read',
  'health-insurance:write',
  'pension:read',
] as const

/** The nine scopes the setup guide in `shared/seed` asks a PayFit admin to tick. */
export const guideScopes = [
  'contracts:read',
  'contracts:time-information:read',
  'collaborators:contracts:write',
  'collaborators:read',
  'collaborators:write',
  'collaborators:contracts:read',
  'collaborators:management:read',
  'collaborators:personal:read',
  'collaborators:legal-identity:read',
] as const

export const readOnlyScopes = ['collaborators:read'] as const

/** Older names PayFit still honours (reference §4.1): holding either name grants the scope. */
const aliases: Record<string, string> = {
  'collaborators:securite-sociale:read': 'collaborators:social-security:read',
  'health-insurance:affiliation:read': 'health-insurance:read',
  'health-insurance:affiliation:write': 'health-insurance:write',
}

export function normaliseScopes(scopes: readonly string[]): Set<string> {
  return new Set(scopes.map((scope) => aliases[scope] ?? scope))
}
