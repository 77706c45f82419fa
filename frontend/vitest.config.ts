import { defineConfig } from 'vitest/config';

// Unit tests cover the pure modules in src/lib (no DOM needed): node environment.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
