import { describeFaultMatrix } from './support/matrix.ts'

/*
 * Every PayFit call the hub makes × PayFit refusing it: 429 on every call (with an 800 ms
 * deadline the second's wait cannot fit, so the caller gets the 429 at once) and 500/502/503.
 */
describeFaultMatrix({
  providerTimeoutMs: 800,
  faults: ['429 on every call', 'PayFit 500', 'PayFit 502', 'PayFit 503'],
})
