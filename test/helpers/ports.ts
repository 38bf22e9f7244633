// Free ports for tests: the one implementation, shared with the scripts that run `npm start`.
export { freePorts } from '../../scripts/process-tree';
