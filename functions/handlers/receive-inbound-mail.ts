import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { createApp } from '../app/create-app';
import { createInboundMailService } from '../app/create-inbound-mail';
import type { InboundMailService, InboundOutcome } from '../modules/inbound-mail/inbound-mail.service';
import { getConfigWithoutSecrets } from '../shared/config';
import { createFunctionLogger } from '../shared/observability';
import { oncePerColdStart } from '../runtime/cold-start';

/**
 * Mail to the organizer address: SES's receipt rule stores each message in S3, whose event starts
 * this function; it reads the object and hands it to the inbound service, the same code the local
 * inbound SMTP server calls. A failure throws, so Lambda retries the event (the service is idempotent
 * per message: an answer is recorded once, a note queued once).
 */
export function createInboundMailHandler(service: InboundMailService, s3: Pick<S3Client, 'send'>) {
  return async (event: S3Event): Promise<{ outcomes: InboundOutcome[] }> => {
    const outcomes: InboundOutcome[] = [];
    for (const record of event?.Records ?? []) {
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      const object = await s3.send(new GetObjectCommand({ Bucket: record.s3.bucket.name, Key: key }));
      if (!object.Body) throw new Error('received message has no body');
      const raw = Buffer.from(await object.Body.transformToByteArray());
      outcomes.push(await service.receive(raw, new Date(record.eventTime)));
    }
    return { outcomes };
  };
}

const getHandler = oncePerColdStart(() => {
  const config = getConfigWithoutSecrets();
  const app = createApp(config, { logger: createFunctionLogger(config, 'receive-inbound-mail') });
  return createInboundMailHandler(createInboundMailService(app), new S3Client({ region: config.awsRegion }));
});

export const handler = async (event: S3Event) => (await getHandler())(event);
