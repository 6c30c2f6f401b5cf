import type { ScopeGuide } from '../connectors/types.ts'
import { ConflictError, UnprocessableError } from '../errors.ts'

/** The key works but lacks required scopes: the admin must fix it at the provider, all at once. */
export class MissingScopesError extends UnprocessableError {
  constructor(
    readonly providerName: string,
    readonly missingScopes: ScopeGuide[],
  ) {
    super(
      `This ${providerName} key is missing ${missingScopes.length} required scope${missingScopes.length === 1 ? '' : 's'}: ${missingScopes.map((scope) => scope.scope).join(', ')}`,
      {
        providerResponse: `Create a new key with these scopes as well:\n${missingScopes.map((scope) => `- ${scope.scope}: ${scope.purpose}`).join('\n')}`,
      },
    )
  }
}

/** New credentials for an account reach another company than the one it was linked to. */
export class DifferentCompanyError extends ConflictError {
  constructor(providerName: string) {
    super(`This ${providerName} key belongs to another company than the linked account`, {
      providerResponse: 'Use a key created in the company this account was linked to.',
    })
  }
}

/** A session without `multiple` links one company per owner; this key reaches another one. */
export class SecondCompanyError extends ConflictError {
  constructor(providerName: string) {
    super(
      `This link connects a single ${providerName} company and another company is already linked for this owner: use a key of that company, or ask for a link that allows several companies`,
      {
        providerResponse:
          'Create the connect session with multiple: true to link several companies for one owner.',
      },
    )
  }
}
