import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { buildApp } from '../../infra/app';
import type { DeStekStack } from '../../infra/stack';

/** The context `cdk synth` reads from cdk.json, so tests synthesize what a deploy would. */
export const cdkContext: Record<string, unknown> = cdkJson.context;

export interface Synthesized {
  app: App;
  stack: DeStekStack;
  template: Template;
}

/**
 * Synthesizes the app as `cdk synth -c stage=<stage>` would, cdk-nag included. `bundle: false`
 * skips esbuild (the assets are then placeholders) for tests that look at the template only.
 */
export function synthesize(stage: 'dev' | 'prod', options: { bundle: boolean; context?: Record<string, unknown> }): Synthesized {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), `destek-cdk-${stage}-`)),
    context: { ...cdkContext, stage, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...options.context },
  });
  const { stack } = buildApp(app);
  app.synth();
  return { app, stack, template: Template.fromStack(stack) };
}

/** Resources of one type, by logical id. */
export function resourcesOf(
  template: Template,
  type: string,
): Record<string, { Properties: any; Metadata?: any; DeletionPolicy?: string; UpdateReplacePolicy?: string }> {
  return template.findResources(type) as never;
}
