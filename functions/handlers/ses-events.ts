import type { SNSEvent } from 'aws-lambda';
import { parseSesEvent, verdictsOf } from '../modules/suppressions/ses-event';
import { SuppressionsRepository } from '../modules/suppressions/suppressions.repository';
import { getConfigWithoutSecrets } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb/client';
import type { Logger } from '../shared/logger';
import { createFunctionLogger } from '../shared/observability';
import { oncePerColdStart } from './cold-start';

export interface SesEventsResult {
  suppressed: number;
  /** Events that ask for nothing: deliveries, transient bounces. */
  ignored: number;
  /** Messages that are not SES events; logged and dropped, since a retry cannot fix them. */
  unreadable: number;
}

/**
 * SES bounce and complaint events (through SNS, from the configuration set every mail is sent
 * with): a permanent bounce or a complaint puts the address on the suppression list, which the
 * outbox checks before every send. Recording an address twice keeps the first verdict, so SNS
 * redelivering a message is harmless.
 */
export function createSesEventsHandler(suppressions: SuppressionsRepository, logger: Logger) {
  return async (event: SNSEvent): Promise<SesEventsResult> => {
    const result: SesEventsResult = { suppressed: 0, ignored: 0, unreadable: 0 };
    for (const record of event.Records) {
      let verdicts;
      try {
        verdicts = verdictsOf(parseSesEvent(record.Sns.Message));
      } catch (error) {
        result.unreadable += 1;
        logger.warn('SNS message is not a readable SES event', { messageId: record.Sns.MessageId, error });
        continue;
      }
      if (verdicts.length === 0) result.ignored += 1;
      for (const verdict of verdicts) {
        const recorded = await suppressions.suppress(verdict.email, verdict.reason, verdict.source, verdict.at);
        result.suppressed += 1;
        logger.info('address suppressed', { addressKey: recorded.addressKey, reason: recorded.reason, source: recorded.source });
      }
    }
    return result;
  };
}

const getHandler = oncePerColdStart(() => {
  const config = getConfigWithoutSecrets();
  const db = createDocumentClient({ region: config.awsRegion, endpoint: config.dynamodbEndpoint });
  return createSesEventsHandler(new SuppressionsRepository(db, config.tableName), createFunctionLogger(config, 'ses-events'));
});

export const handler = async (event: SNSEvent): Promise<SesEventsResult> => (await getHandler())(event);
