import type { DynamicModule, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';

/**
 * nestjs-cls (6.3) registers a global guard and a global interceptor even when neither is mounted,
 * and then both do nothing; but any global interceptor puts every request through an RxJS
 * pipeline. Cadence opens its CLS contexts itself (each transaction), so both are dropped here. A
 * version that no longer registers exactly these two fails at start-up rather than silently.
 */
export function withoutIdleClsEnhancers(cls: DynamicModule): DynamicModule {
  const root = cls.imports?.[0] as DynamicModule | undefined;
  const providers = root?.providers ?? [];
  const kept = providers.filter((p: Provider) => !isEnhancer(p));
  if (!root || providers.length - kept.length !== 2) {
    throw new Error(
      'nestjs-cls no longer registers its idle guard and interceptor as expected: review common/prisma/cls.ts',
    );
  }
  root.providers = kept;
  return cls;
}

const isEnhancer = (p: Provider) =>
  typeof p === 'object' && 'provide' in p && (p.provide === APP_GUARD || p.provide === APP_INTERCEPTOR);
