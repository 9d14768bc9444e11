import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type { Action, IocAdapter } from 'routing-controllers';
import { Container, type ContainerInstance } from 'typedi';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { CLOCK, systemClock, type Clock } from './clock';
import './http/koa-state';
import { LOGGER, type Logger } from './logger';

/**
 * Each app gets its own typedi container: two apps in one process (tests, or the multi-instance
 * test) never share singletons, and closing an app disposes its services. @Service() classes are
 * registered globally and cloned into the app's container on first use.
 */
export function createAppContainer(config: AppConfig, logger: Logger, clock: Clock = systemClock): ContainerInstance {
  const container = Container.of(`app-${randomUUID()}`);
  container.set(APP_CONFIG, config);
  container.set(LOGGER, logger);
  container.set(CLOCK, clock);
  return container;
}

export function disposeAppContainer(container: ContainerInstance): void {
  Container.reset(container.id as string);
}

/**
 * routing-controllers keeps one container per process, so it gets this adapter, which resolves
 * controllers from the container of the app that is serving the request (ctx.state.container).
 */
export const perRequestContainer: IocAdapter = {
  get<T>(someClass: { new (...args: unknown[]): T }, action?: Action): T {
    const container = (action?.context as Context | undefined)?.state.container;
    if (!container) throw new Error(`No app container on the request while resolving ${someClass.name}`);
    return container.get(someClass);
  },
};
