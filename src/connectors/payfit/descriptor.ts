import type { ConnectorDescriptor, ScopeGuide } from '../types.ts'

/** PayFit's production hosts (reference §2); the sandbox replaces both with its own URL. */
export const payfitApiUrl = 'https://partner-api.payfit.com'
export const payfitOauthUrl = 'https://oauth.payfit.com'

const apiKeyPage = 'https://app.payfit.com/integrations/hub/api'

/** The scopes a key needs before Passerelle links it, each with what we use it for. */
export const requiredScopes: ScopeGuide[] = [
  {
    scope: 'collaborators:read',
    purpose: 'list your employees with their names, birth dates and work emails',
  },
  {
    scope: 'collaborators:contracts:read',
    purpose: 'link each employee to their employment contracts',
  },
  { scope: 'collaborators:management:read', purpose: "show each employee's manager and team" },
  {
    scope: 'collaborators:personal:read',
    purpose: 'include home addresses and personal phone numbers',
  },
  {
    scope: 'collaborators:legal-identity:read',
    purpose: 'include nationality and country of birth',
  },
  { scope: 'contracts:read', purpose: 'read job titles, contract types and start and end dates' },
  {
    scope: 'contracts:time-information:read',
    purpose: 'read weekly hours and full-time equivalence',
  },
  { scope: 'collaborators:write', purpose: 'create new employees from your application' },
  {
    scope: 'collaborators:contracts:write',
    purpose: 'start a contract for a newly created employee (France)',
  },
]

/** Scopes that unlock more; a key without them still links. */
export const optionalScopes: ScopeGuide[] = [
  { scope: 'time:read', purpose: 'read time off (absences)' },
  { scope: 'time:write', purpose: 'record and cancel time off' },
  { scope: 'contracts:payslips:read', purpose: 'download payslips as employee documents' },
  { scope: 'collaborators:social-security:read', purpose: 'include national identity numbers' },
]

/** Older names PayFit still honours (§4.1): a key granting one counts as granting the other. */
const scopeAliases: Record<string, string> = {
  'collaborators:securite-sociale:read': 'collaborators:social-security:read',
  'health-insurance:affiliation:read': 'health-insurance:read',
  'health-insurance:affiliation:write': 'health-insurance:write',
}

/** Splits PayFit's scope string (space separated today, comma separated in 2022, §3.2). */
export function parseScopes(scope: string | null | undefined): string[] {
  return (scope ?? '').split(/[\s,+]+/).filter((name) => name !== '')
}

export function hasScope(granted: readonly string[], scope: string): boolean {
  return granted.some((name) => name === scope || scopeAliases[name] === scope)
}

export function missingRequiredScopes(granted: readonly string[]): ScopeGuide[] {
  return requiredScopes.filter(({ scope }) => !hasScope(granted, scope))
}

export function missingOptionalScopes(granted: readonly string[]): ScopeGuide[] {
  return optionalScopes.filter(({ scope }) => !hasScope(granted, scope))
}

// A neutral mark of our own, not PayFit's artwork: three rising bars on a rounded tile.
const logoSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="PayFit">
<rect width="64" height="64" rx="16" fill="#2547a0"/>
<rect x="15" y="34" width="9" height="15" rx="3" fill="#ffffff" fill-opacity="0.6"/>
<rect x="27.5" y="25" width="9" height="24" rx="3" fill="#ffffff" fill-opacity="0.8"/>
<rect x="40" y="15" width="9" height="34" rx="3" fill="#ffffff"/>
</svg>`

export const payfitDescriptor: ConnectorDescriptor = {
  provider: 'payfit',
  name: 'PayFit',
  category: 'hris',
  logoSvg,
  credentialFields: [
    {
      key: 'api_key',
      label: 'API Key',
      type: 'password',
      required: true,
      secret: true,
      placeholder: 'Paste your PayFit API key',
      description:
        'Created by a PayFit admin under **Integrations → API access**, with the nine scopes listed above.',
      tooltip: 'PayFit shows a new key only once: paste it here right after creating it.',
    },
  ],
  guide: {
    summary:
      'You are about to create a PayFit API key for your company and paste it here so this application can read your HR data.',
    steps: [
      'Sign in to PayFit with an account that has **admin** rights: only admins can create API keys.',
      `Open **Integrations → API access** ([${apiKeyPage}](${apiKeyPage})) and choose **Create a key**.`,
      'Give the key a label you will recognise later, for example the name of the application you are connecting.',
      `Tick the nine scopes listed below. Passerelle refuses a key that lacks any of them and tells you which, so nothing breaks later.`,
      'Optionally tick the extra scopes below to share time off, payslips or national identity numbers as well.',
      'Create the key and copy it at once: PayFit will not show it again. If you lose it, delete it and create a new one.',
      'Paste the key into the **API Key** field and press **Connect**.',
    ],
    requiredScopes,
    optionalScopes,
    supportLink: 'https://developers.payfit.io/docs/authentication-via-api-key',
  },
}
