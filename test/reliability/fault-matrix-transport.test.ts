import { describeFaultMatrix } from './support/matrix.ts'

/*
 * Every PayFit call the hub makes × the connection failing: no answer before the deadline (the
 * sandbox waits 600 ms past it), a reset, a body cut off after its headers.
 */
describeFaultMatrix({
  providerTimeoutMs: 800,
  faults: ['a timeout', 'a connection reset', 'a truncated body'],
})
