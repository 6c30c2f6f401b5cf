import type { FastifyRequest } from 'fastify'

import type { LinkedAccount } from '../../accounts/linked-account.ts'
import {
  AccountDisabledError,
  ForbiddenError,
  InvalidCredentialsError,
  InvalidRequestError,
  NotImplementedError,
  ProviderError,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from '../../errors.ts'
import type { HrisSession, HrisSessionOptions } from '../../unified/operations.ts'
import { projectOf } from '../request-context.ts'
import type { HubServices } from '../services.ts'

export const accountHeader = 'x-account-id'

/**
 * Runs one unified operation for the account named by `x-account-id`: checks the account
 * belongs to the caller's project and is usable, opens its credentials, and turns provider
 * failures into what a unified API caller can act on. The session is returned for `raw`.
 */
export async function withAccountSession<T>(
  request: FastifyRequest,
  services: HubServices,
  options: Omit<HrisSessionOptions, 'today'>,
  work: (session: HrisSession) => Promise<T>,
): Promise<{ value: T; session: HrisSession }> {
  const accountId = request.headers[accountHeader]
  if (typeof accountId !== 'string' || accountId.trim() === '') {
    throw new InvalidRequestError(`Missing ${accountHeader} header: send the linked account's id`)
  }
  request.accountId = accountId
  const projectId = projectOf(request).id
  const account = await services.accounts.get(projectId, accountId)
  if (account.status === 'error') throw disabled(account)

  const hris = services.connectors.get(account.provider)?.hris
  if (hris === undefined) {
    throw new NotImplementedError(`The ${account.provider} connector has no unified HRIS API`)
  }
  const { credentials, envelope } = await services.accounts.openStoredCredentials(
    projectId,
    accountId,
  )
  const session = hris.open(
    {
      id: account.id,
      externalId: account.setup_information.company_id,
      country: account.setup_information.country,
      credentials,
    },
    { ...options, today: services.now().toISOString().slice(0, 10) },
  )

  try {
    return { value: await work(session), session }
  } catch (error) {
    throw await translated(error, request, services, { projectId, account, envelope })
  } finally {
    // The request's completion line (request-log.ts) then carries the upstream cost.
    request.log = request.log.child({ upstreamCalls: session.callCount() })
  }
}

async function translated(
  error: unknown,
  request: FastifyRequest,
  services: HubServices,
  opened: { projectId: string; account: LinkedAccount; envelope: string },
): Promise<unknown> {
  const { projectId, account, envelope } = opened
  const providerName = account.provider_name ?? account.provider
  if (error instanceof InvalidCredentialsError) {
    const reason = {
      code: 'invalid_credentials',
      description: `${providerName} refused the stored credentials (revoked or deleted); relink the account`,
    }
    const now = await services.accounts.recordError(projectId, account.id, reason, envelope)
    if (now.status !== 'error') {
      return new ProviderError(
        `${providerName} refused the credentials this request used, which have since been replaced; retry the request`,
        [{ status: 401, url: null, raw: null }],
      )
    }
    request.log.warn(
      { accountId: account.id },
      'account disabled: provider refused its credentials',
    )
    return disabled(now)
  }
  if (error instanceof ForbiddenError) {
    const scope = refusedScope(error)
    if (scope !== null) {
      const reason = {
        code: 'missing_scope',
        description: `${providerName} refused an operation: the stored credentials lack the "${scope}" scope`,
      }
      await services.accounts.recordWarning(projectId, account.id, reason, envelope)
    }
    return new ForbiddenError(
      `${error.message}. To grant it, create a connect session for this account's origin_owner_id and have the admin link a key that includes it: the account keeps its id.`,
      error.providerResponse === undefined
        ? undefined
        : { providerResponse: error.providerResponse },
    )
  }
  // A provider that does not answer is a bad gateway for our callers. A 408 would make
  // StackOne's SDK retry for up to an hour (stackone-contract §1.4).
  if (error instanceof ProviderTimeoutError || error instanceof ProviderUnavailableError) {
    return new ProviderError(error.message, [{ status: null, url: null, raw: null }])
  }
  return error
}

/** The scope a connector's 403 names (its error carries a `scope` string), else null. */
function refusedScope(error: ForbiddenError): string | null {
  return 'scope' in error && typeof error.scope === 'string' ? error.scope : null
}

function disabled(account: LinkedAccount): AccountDisabledError {
  const why = (account.status_reasons ?? []).map((reason) => reason.description).join('; ')
  return new AccountDisabledError(`The account is disabled${why === '' ? '' : `: ${why}`}`)
}
