import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { AnyRole, Public } from '../../common/auth/roles.decorator';
import { ACCESS_COOKIE, accessTokenOf, REFRESH_COOKIE } from '../../common/auth/tokens';
import { APP_CONFIG, AppConfig } from '../../common/config/app.config';
import { AuthService, IssuedSession } from './auth.service';
import { LoginDto, SessionDto } from './dto/auth.dto';

const REFRESH_PATH = '/api/auth';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; sets the httpOnly session cookies' })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password, or a deactivated account' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this email or address' })
  async login(
    @Body() body: LoginDto,
    @CurrentRequest() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookies(reply, await this.auth.login(body.email, body.password, meta));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Renew the session from the refresh cookie' })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'No live session' })
  async refresh(
    @Req() request: FastifyRequest,
    @CurrentRequest() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookies(reply, await this.auth.refresh(request.cookies[REFRESH_COOKIE], meta));
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session (named by the refresh cookie or the access token) and clear its cookies' })
  @ApiNoContentResponse()
  async logout(
    @Req() request: FastifyRequest,
    @CurrentRequest() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.auth.logout(request.cookies[REFRESH_COOKIE], accessTokenOf(request), meta);
    void reply.clearCookie(ACCESS_COOKIE, { path: '/' }).clearCookie(REFRESH_COOKIE, { path: REFRESH_PATH });
  }

  @Get('me')
  @AnyRole()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: SessionDto })
  async me(@CurrentActor() actor: Actor): Promise<SessionDto> {
    return { user: await this.auth.me(actor.id) };
  }

  private withCookies(reply: FastifyReply, session: IssuedSession): SessionDto {
    const common = { httpOnly: true, sameSite: 'strict' as const, secure: this.config.auth.cookieSecure };
    void reply
      .setCookie(ACCESS_COOKIE, session.accessToken, {
        ...common,
        path: '/',
        maxAge: this.config.auth.accessTokenTtlSeconds,
      })
      .setCookie(REFRESH_COOKIE, session.refreshToken, {
        ...common,
        path: REFRESH_PATH,
        maxAge: this.config.auth.refreshTokenTtlSeconds,
      });
    return { user: session.user };
  }
}
