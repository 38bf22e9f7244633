// The workflow bundle's entry: every workflow type the keurmerk worker runs (names in definitions.ts).
export { keurmerkApplication } from './application';
export { keurmerkHolder } from './holder';
export { membersMeeting } from './members-meeting';
export { criteriaChange } from './criteria-change';
export { sroiObligationCase as sroiObligation } from './sroi-obligation';
