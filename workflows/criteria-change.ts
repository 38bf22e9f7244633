// SEBO-R1: the municipality publishes changed criteria. Every holder is told at once in writing
// (email) and its holder workflow is signalled with the dates: binding after the transition, and
// for an objecting holder the end of the old criteria (notice + 1 year).
import { ApplicationFailure, patched } from '@temporalio/workflow';
import { bindingFromRefusal, criteriaChange as criteriaDates, criteriaChangeDates, getScheme, parseOrThrow, seboActions } from '../domain';
import type { CriteriaChangeStart, CriteriaNotice } from './definitions';
import { acts } from './activity-api';
import { nowIso } from './case';

export interface CriteriaChangeResult {
  notice: CriteriaNotice;
  holdersNotified: number;
}

export async function criteriaChange(input: CriteriaChangeStart): Promise<CriteriaChangeResult> {
  const scheme = getScheme(input.schemeId);
  const { schemeId, ...action } = input;
  const v = parseOrThrow(seboActions.criteriaPublished, action, 'criteriaPublished');
  const noticeAt = nowIso();
  // SEBO-R1: at least six full months; a too-early binding date is refused, not moved (patched: a change
  // published before this fix replays with the dates it announced).
  let dates: { bindingFrom: string; oldCriteriaUntil: string };
  if (patched('sebo-r1-full-transition')) {
    const refusal = v.bindingFrom ? bindingFromRefusal(scheme, noticeAt, v.bindingFrom) : undefined;
    if (refusal) throw ApplicationFailure.nonRetryable(`criteriaPublished.${refusal}`, 'BindingTooEarly');
    dates = criteriaChangeDates(scheme, noticeAt, v.bindingFrom);
  } else {
    dates = criteriaDates(scheme, noticeAt, v.bindingFrom);
  }
  const notice: CriteriaNotice = { schemeId, criteriaVersion: v.criteriaVersion, noticeAt, ...dates };
  const { holders } = await acts.announceCriteria({
    notice,
    email: {
      template: 'notice',
      notice: 'criteria-changed',
      date: noticeAt,
      data: {
        regeling: scheme.name,
        aanhef: 'keurmerkhouder',
        versie: v.criteriaVersion,
        samenvatting: v.summary,
        gepubliceerd: noticeAt,
        bindend: dates.bindingFrom,
        oudeCriteriaTot: dates.oldCriteriaUntil,
      },
    },
  });
  return { notice, holdersNotified: holders };
}
