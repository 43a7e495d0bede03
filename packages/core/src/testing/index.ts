/**
 * `@dinhdanh/core/testing`: fast-check arbitraries of subjects, instants and account command sequences, and readable
 * fixtures (a subject of each kind, the actors, the requests of each procedure), for property tests of your own code
 * against lawful and unlawful histories. Needs `fast-check` (an optional peer dependency).
 *
 * @packageDocumentation
 */
export * from './arbitraries.js';
export * from './fixtures.js';
export { simulate, type SimulateOptions, type SimulationResult } from './simulator.js';
export { simulateHistory, simulatePopulation, type HistoryEntry, type SimulatedHistory } from './simulatorHistory.js';
export {
  DEFAULT_SIMULATION_FROM,
  DEFAULT_SIMULATION_TO,
  type PopulationOptions,
  type SimulationSummary,
  type SimulatorRefusal,
} from './simulatorPlan.js';
export type { InjectedViolation } from './simulatorSteps.js';
export * from './violations.js';
export {
  lawfulHistoryArbitrary,
  populationArbitrary,
  violatingHistoryArbitrary,
  type SimulationArbitraryOptions,
  type ViolatingHistoryArbitraryOptions,
} from './simulatorArbitraries.js';
