import { Authorized, CurrentUser, Get, JsonController, Params, QueryParams } from 'routing-controllers';
import { ResponseSchema } from 'routing-controllers-openapi';
import { Service } from 'typedi';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import type { Principal } from '../users/principal';
import type { HistoryPage } from './chat-message';
import { ChatService } from './chat.service';
import { HistoryPageDto } from './dto/history-page.dto';
import { HistoryQueryDto } from './dto/message-history.dto';
import { RoomParamsDto } from './dto/room.dto';
import { RoomPresence } from './room-presence';

/**
 * The REST mirror of message:history, for clients that want a page without holding a socket
 * for the request (e.g. a page load). Membership means the same as on the socket: the user has
 * a live connection in the room, on any instance. There is no stored membership to consult
 * instead: rooms exist only as long as someone is in them, and inventing a second notion of
 * membership here would let HTTP and sockets disagree about who may read a room.
 */
@Service()
@JsonController('/rooms')
export class RoomsController {
  constructor(
    private readonly chat: ChatService,
    private readonly presence: RoomPresence,
  ) {}

  @Get('/:room/messages')
  @Authorized()
  @ApiRoute({ summary: "A page of a room's history, newest first (the caller must be in the room)", errors: { 403: ['not_member'] } })
  @ResponseSchema(HistoryPageDto)
  async history(
    @Params({ validate: true }) params: RoomParamsDto,
    @QueryParams({ validate: true }) query: HistoryQueryDto,
    @CurrentUser({ required: true }) principal: Principal,
  ): Promise<HistoryPage> {
    const isMember = await this.presence.hasMember(params.room, principal.user.id);
    return this.chat.history({ room: params.room, ...query }, isMember);
  }
}
