import { Authorized, CurrentUser, Get, HttpCode, JsonController, Params, Post, QueryParams } from 'routing-controllers';
import { Service } from 'typedi';
import { Client, type ClientInfo } from '../../common/http/client-info';
import type { Principal } from '../../users/principal';
import { toAccountSummary } from '../../users/user-record';
import { UsersService } from '../../users/users.service';
import { AccountDisablingService } from './account-disabling.service';
import type { AccountPageResponse, AccountSummaryResponse } from './dto/account-page.response';
import { ListUsersQuery, USERS_PAGE_DEFAULT_LIMIT } from './dto/list-users.query';
import { UserIdParams } from './dto/user-id.params';

/**
 * The admin API. @Authorized('admin') goes through THE authorization checker
 * (KoaAuthorization.checkAction): no token 401, a token without the role 403 `forbidden`.
 */
@Service()
@JsonController('/admin/users')
@Authorized('admin')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly disabling: AccountDisablingService,
  ) {}

  @Get()
  async list(@QueryParams({ validate: true }) query: ListUsersQuery): Promise<AccountPageResponse> {
    const page = query.page ?? 1;
    const limit = query.limit ?? USERS_PAGE_DEFAULT_LIMIT;
    const { users, total } = await this.users.page(query.query, page, limit);
    return { users: users.map(toAccountSummary), page, limit, total };
  }

  @Post('/:id/disable')
  @HttpCode(200)
  async disable(
    @CurrentUser({ required: true }) admin: Principal,
    @Params({ validate: true }) params: UserIdParams,
    @Client() client: ClientInfo,
  ): Promise<AccountSummaryResponse> {
    return toAccountSummary(await this.disabling.disable(admin, params.id, client));
  }

  @Post('/:id/enable')
  @HttpCode(200)
  async enable(
    @CurrentUser({ required: true }) admin: Principal,
    @Params({ validate: true }) params: UserIdParams,
    @Client() client: ClientInfo,
  ): Promise<AccountSummaryResponse> {
    return toAccountSummary(await this.disabling.enable(admin, params.id, client));
  }
}
