import { Authorized, CurrentUser, Delete, Get, HttpCode, JsonController, OnUndefined, Param } from 'routing-controllers';
import { ResponseSchema } from 'routing-controllers-openapi';
import { Service } from 'typedi';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import { Client, type ClientInfo } from '../common/http/client-info';
import type { Principal } from '../users/principal';
import { PublicSessionDto } from './dto/public-session.dto';
import { toPublicSession, type PublicSession } from './session-record';
import { SessionsService } from './sessions.service';

/** The caller's own sessions (devices): list them, end one. */
@Service()
@JsonController('/auth/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @Authorized()
  @ApiRoute({ summary: "The caller's active sessions (devices)" })
  @ResponseSchema(PublicSessionDto, { isArray: true })
  async list(@CurrentUser({ required: true }) principal: Principal): Promise<PublicSession[]> {
    const sessions = await this.sessions.listActive(principal.user.id);
    return sessions.map((session) => toPublicSession(session, principal.token.sessionId));
  }

  @Delete('/:id')
  @Authorized()
  @HttpCode(204)
  @ApiRoute({ summary: "End one of the caller's sessions", errors: { 404: ['session_not_found'] } })
  @OnUndefined(204)
  async revoke(
    @CurrentUser({ required: true }) principal: Principal,
    @Param('id') id: string,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.sessions.revokeOwn(principal.user.id, id, client);
  }
}
