// The custom search attributes every keurmerk case keeps for operators (Temporal UI filters and
// `keurmerk list`). One source of truth: the worker registers them on the embedded devserver,
// docker-compose registers them on the real server, and a test checks the two agree.
// No personal data here (rule SEBO-R5): search attributes are stored in plaintext even with payload
// encryption on. The KvK number identifies an organisation in the public register; the accountmanager
// is stored by code, never by name or email address; the company name (often a zzp's own name) is in
// the case's encrypted memo instead (workflows/case-memo.ts, docs/decisions/company-name-not-searchable.md).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SCHEME = defineSearchAttributeKey('KeurmerkScheme', SearchAttributeType.KEYWORD);
export const CASE_KIND = defineSearchAttributeKey('KeurmerkCaseKind', SearchAttributeType.KEYWORD);
export const STAGE = defineSearchAttributeKey('KeurmerkStage', SearchAttributeType.KEYWORD);
/**
 * Retired: no case writes it since the company-name-in-memo patch (workflows/case.ts), each case clears it
 * at its next step. Still registered, so cases from before keep running and their histories replay.
 */
export const COMPANY_NAME = defineSearchAttributeKey('KeurmerkCompanyName', SearchAttributeType.TEXT);
export const KVK_NUMBER = defineSearchAttributeKey('KeurmerkKvkNumber', SearchAttributeType.KEYWORD);
export const ACCOUNTMANAGER = defineSearchAttributeKey('KeurmerkAccountmanager', SearchAttributeType.KEYWORD);
export const NEXT_DEADLINE = defineSearchAttributeKey('KeurmerkNextDeadline', SearchAttributeType.DATETIME);
/** PSO-1: the level a ladder scheme's case holds or is provisionally at (aspirant, trede-1, ...). */
export const LEVEL = defineSearchAttributeKey('KeurmerkLevel', SearchAttributeType.KEYWORD);

// SROI obligations (workflows/sroi-obligation.ts): the coordinator's figures, no personal data.
export const SROI_MUNICIPALITY = defineSearchAttributeKey('KeurmerkSroiMunicipality', SearchAttributeType.KEYWORD);
export const SROI_CONTRACT = defineSearchAttributeKey('KeurmerkSroiContractReference', SearchAttributeType.KEYWORD);
export const SROI_AWARDED_AT = defineSearchAttributeKey('KeurmerkSroiAwardedAt', SearchAttributeType.DATETIME);
export const SROI_CONTRACT_END = defineSearchAttributeKey('KeurmerkSroiContractEnd', SearchAttributeType.DATETIME);
export const SROI_OBLIGATION = defineSearchAttributeKey('KeurmerkSroiObligationEur', SearchAttributeType.DOUBLE);
export const SROI_REALISED = defineSearchAttributeKey('KeurmerkSroiRealisedEur', SearchAttributeType.DOUBLE);
export const SROI_PERCENT = defineSearchAttributeKey('KeurmerkSroiRealisedPercent', SearchAttributeType.INT);
export const SROI_PEOPLE = defineSearchAttributeKey('KeurmerkSroiPeoplePlaced', SearchAttributeType.INT);

export const ALL_SEARCH_ATTRIBUTES = [
  SCHEME,
  CASE_KIND,
  STAGE,
  COMPANY_NAME,
  KVK_NUMBER,
  ACCOUNTMANAGER,
  NEXT_DEADLINE,
  LEVEL,
  SROI_MUNICIPALITY,
  SROI_CONTRACT,
  SROI_AWARDED_AT,
  SROI_CONTRACT_END,
  SROI_OBLIGATION,
  SROI_REALISED,
  SROI_PERCENT,
  SROI_PEOPLE,
] as const;

const TYPE_NAMES: Record<SearchAttributeType, string> = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** `Name=Type` as `temporal operator search-attribute create` and `--search-attribute` spell it. */
export function searchAttributeFlag(key: (typeof ALL_SEARCH_ATTRIBUTES)[number]): string {
  return `${key.name}=${TYPE_NAMES[key.type]}`;
}
