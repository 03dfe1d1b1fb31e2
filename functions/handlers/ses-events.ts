import type { SNSEvent } from 'aws-lambda';
import { SuppressionsRepository } from '../modules/suppressions/suppressions.repository';
import { SuppressionsService, type SesEventsResult } from '../modules/suppressions/suppressions.service';
import { getConfigWithoutSecrets } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb/client';
import { createFunctionLogger } from '../shared/observability';
import { oncePerColdStart } from '../runtime/cold-start';

/** The SES events Lambda (SNS): hands the bounces and complaints to the suppressions service. */
export function sesEventsHandler(suppressions: SuppressionsService): (event: SNSEvent) => Promise<SesEventsResult> {
  return (event) =>
    suppressions.recordSesEvents(event.Records.map((record) => ({ messageId: record.Sns.MessageId, message: record.Sns.Message })));
}

// Reads no secret: it needs only the table.
const getHandler = oncePerColdStart(() => {
  const config = getConfigWithoutSecrets();
  const db = createDocumentClient({ region: config.awsRegion, endpoint: config.dynamodbEndpoint });
  return sesEventsHandler(
    new SuppressionsService(new SuppressionsRepository(db, config.tableName), createFunctionLogger(config, 'ses-events')),
  );
});

export const handler = async (event: SNSEvent): Promise<SesEventsResult> => (await getHandler())(event);
