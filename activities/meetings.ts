// SEBO-T2: an application puts itself on (or takes itself off) the members' meeting agenda. The
// meeting workflow is started on first use (signalWithStart), so nobody has to start it by hand.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { enqueueForMeeting, leaveMeeting, membersMeetingWorkflowId, WORKFLOW_TYPES, type MeetingItem } from '../workflows/definitions';
import { holdersSchemeOf } from '../workflows/case';
import type { MembersMeetingInput } from '../workflows/members-meeting';

export function createMeetingActivities(deps: { client: Client }) {
  return {
    /** `meetingSchemeId` and `definition` come from an engine case (its own definition, e.g. a loaded file). */
    async registerForMeeting(input: MeetingItem & { meetingSchemeId?: string; definition?: MembersMeetingInput['definition'] }): Promise<void> {
      const { meetingSchemeId, definition, ...item } = input;
      const schemeId = meetingSchemeId ?? holdersSchemeOf(item.schemeId);
      const args: [MembersMeetingInput] = [{ schemeId, ...(definition ? { definition } : {}) }];
      await deps.client.workflow.signalWithStart(WORKFLOW_TYPES.membersMeeting, {
        workflowId: membersMeetingWorkflowId(schemeId),
        taskQueue: Context.current().info.taskQueue,
        args,
        signal: enqueueForMeeting,
        signalArgs: [item],
      });
    },

    async leaveMeeting(input: { workflowId: string; schemeId: string; meetingSchemeId?: string }): Promise<void> {
      try {
        await deps.client.workflow.getHandle(membersMeetingWorkflowId(input.meetingSchemeId ?? holdersSchemeOf(input.schemeId))).signal(leaveMeeting, { workflowId: input.workflowId });
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    },
  };
}
