// How an imported holder starts a case (the engine's holder phase): the input type, kept here for callers.
export type { HolderInput } from './engine/keurmerk-case';
