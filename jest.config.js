const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    {
      jsc: {
        parser: { syntax: "typescript", decorators: true },
        transform: { decoratorMetadata: true },
        target: "es2021",
      },
    },
  ],
}

const common = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.tmp/"],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
}

// One jest run, several projects, one summary line. TEST_TYPE picks one suite.
const projects = {
  unit: { ...common, displayName: "unit", testMatch: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s", "<rootDir>/integration-tests/cli/**/*.spec.[jt]s"] },
  "integration:modules": { ...common, displayName: "modules", testMatch: ["<rootDir>/src/modules/*/__tests__/**/*.module.spec.[jt]s"] },
  "integration:http": { ...common, displayName: "http", testMatch: ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"] },
  "integration:plugin": { ...common, displayName: "plugin", testMatch: ["<rootDir>/integration-tests/plugin/**/*.spec.[jt]s"] },
  // The admin in Debian's chromium against a built app (scripts/admin-host.js).
  // Alone: TEST_TYPE=integration:browser (npm run test:browser). In the
  // default run; CALL_BILLING_BROWSER_TESTS=0 npm test leaves it out.
  "integration:browser": { ...common, displayName: "browser", testMatch: ["<rootDir>/integration-tests/browser/**/*.spec.[jt]s"] },
}
const DEFAULT = ["unit", "integration:modules", "integration:http", "integration:plugin", "integration:browser"]
if (process.env.CALL_BILLING_BROWSER_TESTS === "0") DEFAULT.pop()

const selected = process.env.TEST_TYPE
module.exports = selected
  ? { ...projects[selected], testTimeout: 600000 }
  : { projects: DEFAULT.map((name) => projects[name]), testTimeout: 600000 }
