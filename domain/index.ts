// The public surface of the domain layer: pure rules and scheme data, safe inside the workflow sandbox.
// See domain/README.md for the map.
export * from './time';
export * from './problems';
export * from './primitives';
export * from './scheme';
export * from './procedure';
export * from './catalogue';
export * from './meetings';
export * from './lifecycle';
export * from './eligibility';
export * from './load';
export * from './inputs/application';
export * from './inputs/sroi-award';
export * from './inputs/sroi-actions';
export * from './inputs/sebo-actions';
export * from './assessment/sebo';
export * from './assessment/werkpakt';
export * from './assessment/pso';
export * from './assessment/sroi';
export * from './assessment/reported-criteria';
export * from './reglement';
export * from './assessment/sroi-case';
export * from './programme';
