// Three projects: pure core logic runs in milliseconds with no Strapi; API tests
// boot a real Strapi from a build compiled once per run (tests/helpers/global-setup);
// browser tests drive the built admin panel in chromium.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.typecheck.json', isolatedModules: true, diagnostics: false }];
// "<rootDir>/.tmp/" rather than ".tmp": a checkout under /tmp would match the bare pattern.
const ignored = ['/node_modules/', '<rootDir>/.tmp/', '<rootDir>/dist/'];

module.exports = {
  // Booting Strapi takes seconds, and PostgreSQL runs create a database per file.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/unit'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testPathIgnorePatterns: ignored,
    },
    {
      displayName: 'api',
      testEnvironment: '<rootDir>/tests/helpers/strapi-environment.js',
      roots: ['<rootDir>/tests/api'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testPathIgnorePatterns: ignored,
      modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
    },
    {
      // A real browser (Debian's chromium) against the built admin panel; its globalSetup
      // builds the admin when dist/build is missing or older than the admin sources.
      displayName: 'browser',
      testEnvironment: '<rootDir>/tests/helpers/strapi-environment.js',
      roots: ['<rootDir>/tests/browser'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testPathIgnorePatterns: ignored,
      modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
      globalSetup: '<rootDir>/tests/helpers/browser-global-setup.ts',
    },
  ],
};
