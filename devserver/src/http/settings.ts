// GET /api/v1/settings: what the Temporal UI asks first (before any namespace call, without auth
// headers). Keys are PascalCase because the official ui-server serialises a Go struct. Version must
// be at least 2.23.0, or the UI encodes workflow ids in API paths twice.
import type { Handlers } from '../errors';
import { SERVICES } from '../proto';

/** The @temporalio/ui release the project's ui/ app is built on. */
export const UI_VERSION = '2.38.0';

export interface SettingsOptions {
  handlers: Handlers;
  namespace: string;
  /** A remote codec server (payload encryption); empty when payloads are plain. */
  codecEndpoint?: string;
}

export function uiSettings({ handlers, namespace, codecEndpoint }: SettingsOptions) {
  // A write action the engine cannot carry out is hidden instead of failing after a click.
  const missing = (method: string) => !handlers[`${SERVICES.workflow}.${method}`];
  return {
    Auth: { Enabled: false, Options: null },
    BannerText: '',
    DefaultNamespace: namespace,
    ShowTemporalSystemNamespace: false,
    FeedbackURL: '',
    NotifyOnNewVersion: false,
    Codec: {
      Endpoint: codecEndpoint ?? '',
      PassAccessToken: false,
      // As the official ui-server: TEMPORAL_CODEC_INCLUDE_CREDENTIALS=true makes the UI send cookies to
      // the codec server (keurmerk's codec server takes its token from one).
      IncludeCredentials: process.env.TEMPORAL_CODEC_INCLUDE_CREDENTIALS === 'true',
      DefaultErrorMessage: '',
      DefaultErrorLink: '',
    },
    Version: UI_VERSION,
    DisableWriteActions: false,
    WorkflowTerminateDisabled: missing('TerminateWorkflowExecution'),
    WorkflowCancelDisabled: missing('RequestCancelWorkflowExecution'),
    WorkflowSignalDisabled: missing('SignalWorkflowExecution'),
    WorkflowUpdateDisabled: missing('UpdateWorkflowExecution'),
    WorkflowResetDisabled: missing('ResetWorkflowExecution'),
    BatchActionsDisabled: missing('StartBatchOperation'),
    StartWorkflowDisabled: missing('StartWorkflowExecution'),
    HideWorkflowQueryErrors: false,
    RefreshWorkflowCountsDisabled: false,
    ActivityCommandsDisabled: missing('PauseActivity'),
  };
}
