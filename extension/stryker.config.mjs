// Mutation testing of the extension's pure modules (src/lib) against the node --test unit tests.
// Not part of `npm test`: run `npm run test:mutation` (docs/TESTING.md). StrykerJS 9.x because
// 10.x refuses Node.js 20, the version on the project's machines.
//
// Stryker runs from the repository root (the npm script does `cd ..`): a few unit tests read files
// next to the extension (the bundled blocklist, Caveat.java, manifests/extension-ids.json), so the
// sandbox is a copy of the repository narrowed by ignorePatterns to what the unit tests read.
// The tap runner runs each test file as its own `node` process, so coverage is per test file.
export default {
  testRunner: 'tap',
  tap: {
    // i18n.test.js reads the sources as text (keys used, no literal UI strings): instrumented
    // sources would fail it, and a text scan does not run the mutants anyway.
    testFiles: ['extension/test/unit/!(i18n).test.js'],
    nodeArgs: ['--test-reporter=tap', '-r', '{{hookFile}}', '{{testFile}}'],
    forceBail: true,
  },
  coverageAnalysis: 'perTest',
  mutate: ['extension/src/lib/**/*.js'],
  ignorePatterns: [
    '/*', '!/extension', '!/manifests', '!/native-host',
    '/extension/dist', '/extension/web-ext-artifacts', '/extension/reports', '/extension/test/e2e',
    '/native-host/*', '!/native-host/src', '/native-host/src/test',
  ],
  concurrency: 2,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'extension/reports/mutation/index.html' },
  jsonReporter: { fileName: 'extension/reports/mutation/mutation.json' },
  tempDirName: 'extension/.stryker-tmp',
  cleanTempDir: 'always',
};
