import { Authorized, Body, CurrentUser, Get, HttpCode, JsonController, Params, Post, QueryParams } from 'routing-controllers';
import { Service } from 'typedi';
import type { Principal } from '../users/principal';
import type { HistoryPage, SyncPage } from './chat-message';
import { toChatUser } from './chat-user';
import { ChatService } from './chat.service';
import { ReadBodyDto } from './dto/message-ref.dto';
import { HistoryQueryDto } from './dto/message-history.dto';
import { SyncQueryDto } from './dto/message-sync.dto';
import { RoomCreateDto } from './dto/room-create.dto';
import { RoomParamsDto } from './dto/room.dto';
import { ReadPointerService, type ReadState } from './read-pointer.service';
import { RoomListService } from './room-list.service';
import { RoomsService, type RoomResult } from './rooms.service';

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
  list(@CurrentUser({ required: true }) principal: Principal): ReturnType<RoomListService['list']> {
    return this.lists.list(toChatUser(principal.user));
  }

  @Post('/')
  @HttpCode(201)
  create(@Body({ required: true }) body: RoomCreateDto, @CurrentUser({ required: true }) principal: Principal): Promise<RoomResult> {
    return this.rooms.create(toChatUser(principal.user), body);
  }

  @Get('/:room/members')
  members(
    @Params({ validate: true }) params: RoomParamsDto,
    @CurrentUser({ required: true }) principal: Principal,
  ): ReturnType<RoomListService['membersOf']> {
    return this.lists.membersOf(toChatUser(principal.user), params.room);
  }

  @Get('/:room/messages')
  history(
    @Params({ validate: true }) params: RoomParamsDto,
    @QueryParams({ validate: true }) query: HistoryQueryDto,
    @CurrentUser({ required: true }) principal: Principal,
  ): Promise<HistoryPage> {
    return this.chat.history(toChatUser(principal.user), { room: params.room, ...query });
  }

  @Get('/:room/sync')
  sync(
    @Params({ validate: true }) params: RoomParamsDto,
    @QueryParams({ validate: true }) query: SyncQueryDto,
    @CurrentUser({ required: true }) principal: Principal,
  ): Promise<SyncPage> {
    return this.chat.sync(toChatUser(principal.user), { room: params.room, ...query });
  }

  @Post('/:room/read')
  read(
    @Params({ validate: true }) params: RoomParamsDto,
    @Body({ required: true }) body: ReadBodyDto,
    @CurrentUser({ required: true }) principal: Principal,
  ): Promise<ReadState> {
    return this.reads.markRead(toChatUser(principal.user), params.room, body.seq);
  }
}
