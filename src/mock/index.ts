// kakao-openapi-mock: a Kakao-like mock server to run in tests and CI.
export { defaultMockKeys, loadCheckedBundle, startKakaoMock } from './server.js';
export type { KakaoMock, KakaoMockOptions, MockKeys } from './server.js';
export { createMockCore, PRISM_PACKAGES } from './core.js';
export type { MockCore, MockCoreOptions, MockRequest } from './core.js';
export { npmFlagHint, parseCliArgs, parsePort, runCli, usage, UsageError } from './cli.js';
export { createSandbox, defaultLimits, isRegistered, readSeedFile } from './sandbox/index.js';
export type { Caller, Sandbox, SandboxApp, SandboxLimits, SandboxSeed, SandboxState, SandboxUser } from './sandbox/index.js';
export { buildPlan, createComparer, credentialsFromEnv, isReadOnly, runVerifyCli, verify, WRITE_SEQUENCES } from './verify/index.js';
export type { Finding, Observation, Outcome, Plan, PlanStep, StepResult, VerifyOptions, VerifyOutcome, VerifyReport } from './verify/index.js';
