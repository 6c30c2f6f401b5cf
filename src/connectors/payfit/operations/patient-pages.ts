import { setTimeout as sleep } from 'node:timers/promises'

import {
  ProviderError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RetryLaterError,
} from '../../../errors.ts'
import { isRetryableStatus, workStopped } from '../transport.ts'

type PassingError =
  RetryLaterError | ProviderUnavailableError | ProviderTimeoutError | ProviderError

/** How a background walk rides out a bad minute. */
export interface Patience {
  /** When the walk must be over (epoch ms): no pause runs past it. */
  deadline: number
  /** The work is stopped (hub closing, account changed): no pause starts, one under way ends. */
  signal?: AbortSignal
  onPause?: (pause: { attempt: number; waitMs: number; error: PassingError }) => void
  /** The pauses between asks for one page, the first pause first (default `pausesMs`). */
  pausesMs?: readonly number[]
}

// Seven pauses, about two minutes in all: longer than PayFit's own rate-limit windows and a
// brief outage, short enough that a walk stuck on a down PayFit ends well before its deadline.
const pausesMs = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 60_000]

/**
 * `listPage`, asking again for the same page after a failure that passes: PayFit's 429 (after
 * its `Retry-After`), a 5xx, an unreachable PayFit or a timeout its own retries did not ride out,
 * or our limiter's full queue. A walk of a large company's contracts is minutes of PayFit calls;
 * without this, one bad minute would throw them away and the next request would start again
 * from the first page.
 */
export function patiently<Q, P>(
  listPage: (query: Q) => Promise<P>,
  patience: Patience,
): (query: Q) => Promise<P> {
  return async (query) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await listPage(query)
      } catch (error) {
        if (!isPassing(error)) throw error
        const waitMs = pauseBefore(attempt, error, patience)
        if (waitMs === null) throw error
        patience.onPause?.({ attempt, waitMs, error })
        await sleep(waitMs, undefined, { signal: patience.signal }).catch(() => {
          throw new ProviderUnavailableError(workStopped, { cause: error })
        })
      }
    }
  }
}

function isPassing(error: unknown): error is PassingError {
  if (error instanceof ProviderError) {
    return error.providerErrors.some(({ status }) => status !== null && isRetryableStatus(status))
  }
  return (
    error instanceof RetryLaterError ||
    error instanceof ProviderUnavailableError ||
    error instanceof ProviderTimeoutError
  )
}

function pauseBefore(attempt: number, error: PassingError, patience: Patience): number | null {
  const pauseMs = (patience.pausesMs ?? pausesMs)[attempt - 1]
  if (pauseMs === undefined || patience.signal?.aborted === true) return null
  const askedMs = error instanceof RetryLaterError ? error.retryAfterSeconds * 1_000 : 0
  const waitMs = Math.max(pauseMs, askedMs)
  return Date.now() + waitMs < patience.deadline ? waitMs : null
}
