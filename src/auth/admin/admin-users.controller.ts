import { Authorized, CurrentUser, Get, HttpCode, JsonController, Params, Post, QueryParams } from 'routing-controllers';
import { ResponseSchema } from 'routing-controllers-openapi';
import { Service } from 'typedi';
import { Client, type ClientInfo } from '../../common/http/client-info';
import { ApiRoute } from '../../common/openapi/api-route.decorator';
import type { Principal } from '../../users/principal';
import { toAccountSummary } from '../../users/user-record';
import { UsersService } from '../../users/users.service';
import { AccountDisablingService } from './account-disabling.service';
import { AccountPageResponse, AccountSummaryResponse } from './dto/account-page.response';
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
  @ApiRoute({ summary: 'Accounts, one page at a time, optionally searched by email or name' })
  @ResponseSchema(AccountPageResponse)
  async list(@QueryParams({ validate: true }) query: ListUsersQuery): Promise<AccountPageResponse> {
    const page = query.page ?? 1;
    const limit = query.limit ?? USERS_PAGE_DEFAULT_LIMIT;
    const { users, total } = await this.users.page(query.query, page, limit);
    return { users: users.map(toAccountSummary), page, limit, total };
  }

  @Post('/:id/disable')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Disable an account: every token, session and socket of it ends',
    errors: { 403: ['cannot_disable_self'], 404: ['user_not_found'] },
  })
  @ResponseSchema(AccountSummaryResponse)
  async disable(
    @CurrentUser({ required: true }) admin: Principal,
    @Params({ validate: true }) params: UserIdParams,
    @Client() client: ClientInfo,
  ): Promise<AccountSummaryResponse> {
    return toAccountSummary(await this.disabling.disable(admin, params.id, client));
  }

  @Post('/:id/enable')
  @HttpCode(200)
  @ApiRoute({ summary: 'Enable a disabled account again (its user logs in anew)', errors: { 404: ['user_not_found'] } })
  @ResponseSchema(AccountSummaryResponse)
  async enable(
    @CurrentUser({ required: true }) admin: Principal,
    @Params({ validate: true }) params: UserIdParams,
    @Client() client: ClientInfo,
  ): Promise<AccountSummaryResponse> {
    return toAccountSummary(await this.disabling.enable(admin, params.id, client));
  }
}
