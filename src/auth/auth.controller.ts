import { Body, HttpCode, JsonController, Post } from 'routing-controllers';
import { Service } from 'typedi';
import { AuthService, type LoginResult } from './auth.service';
import { LoginDto } from './dto/login.dto';

@Service()
@JsonController('/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('/login')
  @HttpCode(200)
  login(@Body() credentials: LoginDto): Promise<LoginResult> {
    return this.auth.login(credentials);
  }
}
