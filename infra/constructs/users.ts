import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { roles } from '../../functions/shared/auth/viewer';
import type { StageSettings } from '../stage-settings';

/**
 * The people who sign in: a Cognito user pool with one group per role and a `partnerId`
 * attribute that ties a PARTNER user to its partner. Nobody signs up on their own: a coordinator
 * creates each user (README: "The first coordinator"). The app client may read the attributes but
 * write none of them, or a partner could point its own `partnerId` at another partner.
 */
export class Users extends Construct {
  readonly pool: UserPool;
  readonly appClient: UserPoolClient;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    const prod = settings.stage === 'prod';
    this.pool = new UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { partnerId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    NagSuppressions.addResourceSuppressions(this.pool, [
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan (threat protection) is billed per monthly active user, more than the rest of this stack together, for a pool of a few dozen users that an administrator creates by hand; the Essentials plan with a 12-character password policy, optional TOTP MFA and no self sign-up is proportionate.',
      },
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional (TOTP, no SMS): partners are small entrepreneurs signing in on their phone, and the API holds meeting planning, not money or sensitive data. Coordinators are asked to turn TOTP on.',
      },
    ]);
    for (const role of roles) {
      this.pool.addGroup(role, {
        groupName: role,
        description: role === 'COORDINATOR' ? 'Coördinatoren van Schakel vzw' : 'Vertegenwoordigers van een partner',
      });
    }
    this.appClient = this.pool.addClient('MobileApp', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }).withCustomAttributes('partnerId'),
      writeAttributes: new ClientAttributes(),
    });
  }
}
