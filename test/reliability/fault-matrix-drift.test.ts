import { describeFaultMatrix } from './support/matrix.ts'

/*
 * Every PayFit call the hub makes × replies that arrive but are not what the client expects:
 * bodies that do not parse, paging that loops, fields and enum values PayFit may add.
 */
describeFaultMatrix({
  providerTimeoutMs: 1_500,
  faults: [
    'a latency spike',
    'malformed JSON',
    'a repeated page token',
    'unknown fields',
    'unknown enum values',
  ],
})
