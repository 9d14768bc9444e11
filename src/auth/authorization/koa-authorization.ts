import type { Context } from 'koa';
import type { Action } from 'routing-controllers';
import { Service } from 'typedi';
import type { Principal } from '../../users/principal';
import { authorizationHeader } from '../../common/http/single-authorization-header';
import { tokenFromHeader } from './authorization-header';
import { AuthorizationChecker } from './authorization-checker';

declare module 'koa' {
  interface DefaultState {
    /** Set by KoaAuthorization the first time a request is authenticated. */
    principal?: Principal;
  }
}

/** The authorization checker as routing-controllers asks for it, over Koa's request. */
@Service()
export class KoaAuthorization {
  constructor(private readonly checker: AuthorizationChecker) {}

  /** Authenticates a Koa request once; later calls in the same request reuse the result. */
  async authenticate(ctx: Context): Promise<Principal> {
    ctx.state.principal ??= await this.checker.verify(tokenFromHeader(authorizationHeader(ctx.req)));
    return ctx.state.principal;
  }

  /** routing-controllers' authorizationChecker: @Authorized() and @Authorized('admin'). */
  readonly checkAction = async (action: Action, roles: string[]): Promise<boolean> => {
    const principal = await this.authenticate(action.context as Context);
    return roles.length === 0 || this.checker.hasAnyRole(principal, roles);
  };

  /** routing-controllers' currentUserChecker: @CurrentUser() receives the Principal. */
  readonly currentPrincipal = (action: Action): Promise<Principal> => this.authenticate(action.context as Context);
}
