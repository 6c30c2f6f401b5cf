import {
  ProviderError,
  ProviderSchemaError,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from '../../../../errors.ts'
import { UncertainWriteError } from '../../../../unified/write-operations.ts'

/**
 * Sends one PayFit write. The client never repeats a write after a timeout, a dropped
 * connection or a 5xx (only after a 429, which PayFit did not process); those failures leave
 * the outcome unknown and become `UncertainWriteError`, so an idempotent retry reconciles.
 * A 2xx whose body cannot be read means PayFit did apply it; that is unknown to us too.
 */
export async function sendWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (error instanceof ProviderError) {
      throw new UncertainWriteError(error.message, error.providerErrors, { cause: error })
    }
    if (error instanceof ProviderTimeoutError || error instanceof ProviderUnavailableError) {
      const message = error.message.includes('may or may not')
        ? error.message
        : `${error.message}; the write may or may not have been applied`
      throw new UncertainWriteError(message, [{ status: null, url: null, raw: null }], {
        cause: error,
      })
    }
    if (error instanceof ProviderSchemaError) {
      throw new UncertainWriteError(
        'PayFit accepted the write but its answer could not be read',
        [{ status: null, url: null, raw: null }],
        { cause: error },
      )
    }
    throw error
  }
}
