import { Authorized, Body, CurrentUser, Get, HttpCode, JsonController, Params, Post, QueryParams } from 'routing-controllers';
import { ResponseSchema } from 'routing-controllers-openapi';
import { Service } from 'typedi';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import type { Principal } from '../users/principal';
import type { HistoryPage, SyncPage } from './chat-message';
import { toChatUser } from './chat-user';
import { ChatService } from './chat.service';
import { HistoryPageDto, SyncPageDto } from './dto/history-page.dto';
import { ReadBodyDto } from './dto/message-ref.dto';
import { HistoryQueryDto } from './dto/message-history.dto';
import { SyncQueryDto } from './dto/message-sync.dto';
import { RoomCreateDto } from './dto/room-create.dto';
import { ReadStateDto, RoomListDto, RoomMembersDto, RoomResultDto } from './dto/room-answers.dto';
import { RoomParamsDto } from './dto/room.dto';
import { ReadPointerService, type ReadState } from './read-pointer.service';
import { RoomListService } from './room-list.service';
import { RoomsService, type RoomResult } from './rooms.service';

/** What RoomPolicy answers a reader: an unknown or hidden room, or a public room not joined. */
const READ_ERRORS = { 403: ['not_member'], 404: ['room_not_found'] };

/**
 * The HTTP mirrors of the room events, for clients without a socket. The same services, and so
 * the same RoomPolicy and the same events to connected clients, as the socket handlers.
 */
@Service()
@JsonController('/rooms')
@Authorized()
export class RoomsController {
  constructor(
    private readonly chat: ChatService,
    private readonly rooms: RoomsService,
    private readonly lists: RoomListService,
    private readonly reads: ReadPointerService,
  ) {}

  @Get('/')
  @ApiRoute({ summary: "The caller's rooms and public rooms to discover (as room:list)" })
  @ResponseSchema(RoomListDto)
  list(@CurrentUser({ required: true }) principal: Principal): ReturnType<RoomListService['list']> {
    return this.lists.list(toChatUser(principal.user));
  }

  @Post('/')
  @HttpCode(201)
  @ApiRoute({
    summary: 'Create a public or private room (as room:create)',
    errors: { 409: ['room_exists', 'too_many_rooms'], 429: ['rate_limited'] },
  })
  @ResponseSchema(RoomResultDto)
  create(@Body({ required: true }) body: RoomCreateDto, @CurrentUser({ required: true }) principal: Principal): Promise<RoomResult> {
    return this.rooms.create(toChatUser(principal.user), body);
  }

  @Get('/:room/members')
  @ApiRoute({ summary: "A room's members, with whether each is online", errors: READ_ERRORS })
  @ResponseSchema(RoomMembersDto)
  members(
    @Params({ validate: true }) params: RoomParamsDto,
    @CurrentUser({ required: true }) principal: Principal,
  ): ReturnType<RoomListService['membersOf']> {
    return this.lists.membersOf(toChatUser(principal.user), params.room);
  }

  @Get('/:room/messages')
  @ApiRoute({ summary: "A page of a room's history, newest first (as message:history)", errors: READ_ERRORS })
  @ResponseSchema(HistoryPageDto)
  history(
    @Params({ validate: true }) params: RoomParamsDto,
    @QueryParams({ validate: true }) query: HistoryQueryDto,
    @CurrentUser({ required: true }) principal: Principal,
  ): Promise<HistoryPage> {
    return this.chat.history(toChatUser(principal.user), { room: params.room, ...query });
  }

  @Get('/:room/sync')
  @ApiRoute({ summary: 'The messages after a seq, oldest first (as message:sync)', errors: READ_ERRORS })
  @ResponseSchema(SyncPageDto)
  sync(
    @Params({ validate: true }) params: RoomParamsDto,
    @QueryParams({ validate: true }) query: SyncQueryDto,
    @CurrentUser({ required: true }) principal: Principal,
  ): Promise<SyncPage> {
    return this.chat.sync(toChatUser(principal.user), { room: params.room, ...query });
  }

  @Post('/:room/read')
  @ApiRoute({ summary: "Move the caller's read pointer (as room:read)", errors: READ_ERRORS })
  @ResponseSchema(ReadStateDto)
  read(
    @Params({ validate: true }) params: RoomParamsDto,
    @Body({ required: true }) body: ReadBodyDto,
    @CurrentUser({ required: true }) principal: Principal,
  ): Promise<ReadState> {
    return this.reads.markRead(toChatUser(principal.user), params.room, body.seq);
  }
}
