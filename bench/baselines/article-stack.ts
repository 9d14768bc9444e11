import { pbkdf2Sync, randomBytes } from 'node:crypto';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import passport from 'koa-passport';
import Router from 'koa-router';
import jwt from 'jsonwebtoken';
import mongoose from 'mongoose';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { Strategy as LocalStrategy } from 'passport-local';
import { serveJobs } from '../support/rpc';

/**
 * Baseline (b): the 2017 article "Modern JWT authorization for the modern Node.js Koa framework",
 * rebuilt as it wrote it: koa + koa-router + koa-bodyparser + koa-passport, passport-local over
 * a mongoose User whose password is PBKDF2-SHA1 with one iteration, passport-jwt with a string
 * secret and `User.findById` on every request, jsonwebtoken signing `{ id, displayName, email }`.
 * Only what no longer runs was changed: `ExtractJwt.fromAuthHeader()` (removed from passport-jwt)
 * is its successor `fromAuthHeaderWithScheme('jwt')`, mongoose's callbacks became promises, and
 * `mongoose.set('debug', true)` is off (logging every query would measure the terminal).
 */
const jwtsecret = process.env.JWT_SECRET!; // the article hard-coded "mysecretkey"

const userSchema = new mongoose.Schema(
  { displayName: String, email: { type: String, required: true, unique: true }, passwordHash: String, salt: String },
  { timestamps: true },
);
userSchema.virtual('password').set(function (this: { salt: string; passwordHash: string }, password: string) {
  this.salt = randomBytes(128).toString('base64');
  this.passwordHash = pbkdf2Sync(password, this.salt, 1, 128, 'sha1').toString('base64');
});
userSchema.methods.checkPassword = function (this: { salt: string; passwordHash: string }, password: string) {
  return pbkdf2Sync(password, this.salt, 1, 128, 'sha1').toString('base64') === this.passwordHash;
};
const User = mongoose.model('User', userSchema);

passport.use(
  new LocalStrategy({ usernameField: 'email', passwordField: 'password', session: false }, (email, password, done) => {
    User.findOne({ email }).then((user) => {
      if (!user || !(user as unknown as { checkPassword(p: string): boolean }).checkPassword(password)) return done(null, false);
      return done(null, user);
    }, done);
  }),
);
passport.use(
  new JwtStrategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderWithScheme('jwt'), secretOrKey: jwtsecret }, (payload, done) => {
    User.findById(payload.id).then((user) => done(null, user ?? false), done);
  }),
);

const router = new Router();
router.post('/user', async (ctx) => {
  ctx.body = await User.create(ctx.request.body as object);
});
router.post('/login', async (ctx, next) => {
  await passport.authenticate('local', (_err: unknown, user: { id: string; displayName: string; email: string } | false) => {
    if (!user) {
      ctx.body = 'Login failed';
    } else {
      const token = jwt.sign({ id: user.id, displayName: user.displayName, email: user.email }, jwtsecret);
      ctx.body = { user: user.displayName, token: 'JWT ' + token };
    }
  })(ctx, next);
});
router.get('/custom', async (ctx, next) => {
  await passport.authenticate('jwt', (_err: unknown, user: { displayName: string } | false) => {
    ctx.body = user ? 'hello ' + user.displayName : 'No such user';
  })(ctx, next);
});

const app = new Koa();
app.use(bodyParser());
app.use(passport.initialize());
app.use(router.routes());

void mongoose.connect(process.env.MONGODB_URI!).then(() => {
  const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => serveJobs({}));
  process.once('SIGTERM', () => server.close(() => void mongoose.disconnect().then(() => process.exit(0))));
});
