import { defineConfig } from 'vitest/config'

// The project's vitest.config.ts only collects src/ and test/; this one runs the bench's tests.
export default defineConfig({
  test: { include: ['bench/**/*.test.ts'] },
})
