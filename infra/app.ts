import { App, Aspects, Tags } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DeStekStack } from './stack';
import { readStageSettings } from './stage-settings';

/**
 * The CDK app: `npm run synth` / `npm run deploy -- -c stage=dev`. One stack per stage, named
 * `DeStek-<stage>`; the AwsSolutions checks of cdk-nag run on every synthesis.
 */
export function buildApp(app: App = new App()): { app: App; stack: DeStekStack } {
  const settings = readStageSettings((key) => app.node.tryGetContext(key));
  const stack = new DeStekStack(app, `DeStek-${settings.stage}`, {
    settings,
    description: `Locon De Stek backend (${settings.stage})`,
    // The account is the one the CLI's credentials belong to; the region is a setting, not the CLI's default.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: settings.region },
  });
  Tags.of(stack).add('project', 'destek');
  Tags.of(stack).add('stage', settings.stage);
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { app, stack };
}

if (require.main === module) {
  buildApp().app.synth();
}
