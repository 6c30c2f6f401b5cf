/** A millisecond clock that moves only when a test advances it. */
export function fakeClock(start = 0) {
  let now = start
  return {
    nowMs: () => now,
    advance: (ms: number) => {
      now += ms
    },
  }
}
