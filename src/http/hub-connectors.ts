import type { LinkedAccount } from '../accounts/linked-account.ts'
import type { Connector, ScopeGuide } from '../connectors/types.ts'

/** Values the hub component reads to pick the auth block; ours is always the same one. */
export const authenticationConfigKey = 'api_key'
export const environment = 'production'

export function logoUrl(publicUrl: string, provider: string): string {
  return `${publicUrl}/logos/${encodeURIComponent(provider)}.svg`
}

/** One entry of `GET /hub/connectors` (contract §5.3 step 3). */
export function integrationOf(connector: Connector, publicUrl: string) {
  const { provider, name, category } = connector.descriptor
  return {
    integration_id: provider,
    provider,
    name,
    type: category,
    version: '1',
    active: true,
    logo_url: logoUrl(publicUrl, provider),
    authentication_config_key: authenticationConfigKey,
    environment,
  }
}

/**
 * `GET /hub/connectors/{id}` in the hub's "Falcon" shape (contract §5.4 A): a credential form,
 * a notice listing the required scopes, and our `guide` extension for our own Link page.
 */
export function connectorConfigOf(connector: Connector, publicUrl: string) {
  const { provider, name, credentialFields, guide } = connector.descriptor
  return {
    config: {
      key: provider,
      name,
      type: 'custom',
      assets: { icon: logoUrl(publicUrl, provider) },
      configFields: credentialFields.map((field) => ({
        key: field.key,
        label: field.label,
        type: field.type,
        required: field.required,
        secret: field.secret,
        readOnly: false,
        placeholder: field.placeholder,
        guide: { description: field.description, tooltip: field.tooltip },
      })),
      configNotices: [
        {
          key: 'required-scopes',
          type: 'info',
          position: 'top',
          description: `The key needs these ${guide.requiredScopes.length} scopes: ${guide.requiredScopes
            .map((scope) => `\`${scope.scope}\``)
            .join(', ')}.`,
        },
      ],
      support: { link: guide.supportLink, description: `How to create a ${name} API key` },
      guide: {
        summary: guide.summary,
        steps: guide.steps,
        required_scopes: guide.requiredScopes,
        optional_scopes: guide.optionalScopes,
      },
    },
  }
}

/**
 * The optional scopes a freshly linked key lacks, each with what it would have unlocked. The
 * connector knows its provider's scope aliases; exact names are the fallback.
 */
export function missingOptionalScopes(
  connector: Connector,
  grantedScopes: readonly string[],
): ScopeGuide[] {
  if (connector.missingOptionalScopes !== undefined) {
    return connector.missingOptionalScopes(grantedScopes)
  }
  return connector.descriptor.guide.optionalScopes.filter(
    ({ scope }) => !grantedScopes.includes(scope),
  )
}

/** `session.linked_account` in `GET /hub/settings`: the account a reused link already connected. */
export function linkedAccountOf(account: LinkedAccount) {
  return { id: account.id, company_name: account.setup_information.company_name }
}
