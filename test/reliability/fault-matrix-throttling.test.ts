import { describeFaultMatrix } from './support/matrix.ts'

/*
 * Every PayFit call the hub makes × a 429 burst the hub can wait out: one 429 with Retry-After
 * of a second, within a 1.5 s deadline. Writes are retried too: PayFit did not process them.
 */
describeFaultMatrix({ providerTimeoutMs: 1_500, faults: ['a 429 burst'] })
