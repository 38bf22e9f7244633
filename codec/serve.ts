// Runs the codec server for operators:  node --import tsx codec/serve.ts
// then point the UI at it (TEMPORAL_CODEC_ENDPOINT=http://127.0.0.1:8888 for the devserver or the
// Temporal UI server). Settings: see codec/settings.ts.
import { createCodecServer, type CodecServer } from './codec-server';
import { EncryptionCodec } from './encryption-codec';
import { loadCodecServerSettings } from './settings';

/** Starts the codec server from the environment; the one call an admin command needs. */
export async function startCodecServerFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<CodecServer> {
  const settings = loadCodecServerSettings(env);
  return createCodecServer({
    codec: EncryptionCodec.fromSetting(settings.KEURMERK_ENCRYPTION_KEYS),
    token: settings.KEURMERK_CODEC_TOKEN,
    host: settings.KEURMERK_CODEC_HOST,
    port: settings.KEURMERK_CODEC_PORT,
    corsOrigins: settings.KEURMERK_CODEC_CORS_ORIGINS,
    namespaces: [settings.TEMPORAL_NAMESPACE],
  });
}

if (require.main === module) {
  startCodecServerFromEnv().then(
    (server) => {
      console.log(
        `codec server on ${server.url} (for the UI: TEMPORAL_CODEC_ENDPOINT=${server.url} TEMPORAL_CODEC_INCLUDE_CREDENTIALS=true; ` +
          `open ${server.url}/session once in the browser and enter KEURMERK_CODEC_TOKEN)`,
      );
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
