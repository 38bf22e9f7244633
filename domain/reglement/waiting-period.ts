// SEBO-T9: "Mocht er dan wederom een afwijzing komen, kan na minimaal een jaar opnieuw een
// keuringsmoment worden aangevraagd." A full year after the second rejection, counted as every
// at-least period of the reglement (counting.ts): not on the anniversary's midnight, hours early, but
// from the start of the day after the anniversary. Until then no new keuring and no new application
// for that KvK (the case stays alive in WAITING_PERIOD under the company's workflow id).
import { periodOf } from '../lifecycle';
import type { SchemeDefinition } from '../scheme';
import type { DateInput } from '../time';
import { notBefore } from './counting';

export function newKeuringFrom(scheme: SchemeDefinition, secondRejectionAt: DateInput): string {
  return notBefore(secondRejectionAt, periodOf(scheme, 'waitAfterSecondRejection'), scheme.zone);
}
