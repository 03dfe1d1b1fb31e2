import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage-settings';

/**
 * Sending email through SES: the domain identity (DKIM; the stack prints the three CNAME records to
 * add to DNS), and a configuration set every message is sent with, whose bounce and complaint
 * events go to an SNS topic that the ses-events function listens on.
 */
export class Mail extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly events: Topic;
  private readonly sandboxRecipients: readonly string[];

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    this.sandboxRecipients = settings.sesSandboxRecipients;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new EmailIdentity(this, 'Domain', {
      identity: Identity.domain(settings.mailDomain),
      configurationSet: this.configurationSet,
    });
    this.events = new Topic(this, 'Events', { enforceSSL: true, displayName: 'SES bounces and complaints' });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.events),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    NagSuppressions.addResourceSuppressions(this.events, [
      {
        id: 'AwsSolutions-SNS2',
        reason:
          'SES can only publish to an encrypted topic through a customer-managed KMS key whose policy admits SES; the topic only passes bounce and complaint events (an address and a status) straight to one Lambda function, kept by SNS for seconds. HTTPS is enforced.',
      },
    ]);
  }

  /**
   * What SES authorises a SendEmail against: the sending identity and the configuration set, and
   * in the sandbox each recipient's identity as well (the `sesSandboxRecipients` setting).
   */
  grantSend(fn: IFunction): void {
    const stack = Stack.of(this);
    const identityArn = (name: string) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          identityArn(this.identity.emailIdentityName),
          stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
          ...this.sandboxRecipients.map(identityArn),
        ],
      }),
    );
  }
}
