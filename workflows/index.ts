// The workflow bundle's entry: every workflow type the keurmerk worker runs (names in definitions.ts).
// keurmerkCase is the engine every new case runs on; keurmerkApplication and keurmerkHolder are the
// frozen SEBO code that cases started before the engine keep running (docs/decisions/case-engine.md).
export { keurmerkCase } from './engine/keurmerk-case';
export { keurmerkApplication } from './legacy/application';
export { keurmerkHolder } from './legacy/holder';
export { membersMeeting } from './members-meeting';
export { criteriaChange } from './criteria-change';
export { sroiObligationCase as sroiObligation } from './sroi-obligation';
export { accountmanagerDigest } from './accountmanager-digest';
