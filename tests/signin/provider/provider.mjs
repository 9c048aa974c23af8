// A real OpenID Connect provider for the single sign-on tests: panva's certified oidc-provider, on 127.0.0.1.
//
//   node provider.mjs ACCOUNTS_FILE
//
// It listens on a free port and prints "issuer http://127.0.0.1:PORT" once it listens.
// Its own development login page (devInteractions) signs in any login name with any password; the account's
// claims are read from ACCOUNTS_FILE, a JSON object by login name, at every sign-in, so that a test can move
// someone between groups: {"olivia": {"name": "Olivia Okafor", "email": "...", "groups": ["<group id>"]}}.
// An account with "token_for_client": "<client id>" gets, from the token endpoint, an ID token that the provider
// signed for that other client: a token for another audience, as if a token endpoint had been subverted.
// An account with "nonce_of_another_sign_in": "<nonce>" gets a genuine ID token with that nonce, as if replayed
// from another sign-in. An account with "tampered_claims": {...} gets its ID token with those claims changed after it was signed.
// ID_TOKEN_TTL (seconds, default 3600) is how long ID tokens last.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const accountsFile = process.argv[2];
const accounts = () => JSON.parse(readFileSync(accountsFile, 'utf8'));

const PROTOCOL_CLAIMS = new Set(['iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'azp', 'at_hash', 'c_hash', 's_hash']);

// Any loopback or Django test-client origin may be redirected back to, on any port: the tests' live server picks
// its own port. A deployment's provider registers the one exact URL instead (see the README).
const REDIRECT = /^http:\/\/(127\.0\.0\.1|localhost|testserver)(:\d+)?\/oidc\/callback\/$/;
const AFTER_LOGOUT = /^http:\/\/(127\.0\.0\.1|localhost|testserver)(:\d+)?\/login\/$/;

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const client = (clientId) => ({
    client_id: clientId,
    client_secret: `${clientId}-secret`,
    redirect_uris: ['http://testserver/oidc/callback/'],
    post_logout_redirect_uris: ['http://testserver/login/'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  });
  const provider = new Provider(issuer, {
    clients: [client('scorecard'), client('another-app')],
    // Claims go in the ID token, as Entra ID puts them there; "groups" as Entra ID sends group object ids.
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub', 'groups'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    },
    async findAccount(ctx, id) {
      const account = accounts()[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          const { token_for_client: _, tampered_claims: __, nonce_of_another_sign_in: ___, ...claims } = account;
          return { sub: id, preferred_username: id, ...claims };
        },
      };
    },
    // The council's administrator consents for everyone (as Entra ID's admin consent does): no consent page.
    async loadExistingGrant(ctx) {
      const { Grant } = ctx.oidc.provider;
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return Grant.find(grantId);
      const grant = new Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    ttl: { IdToken: Number(process.env.ID_TOKEN_TTL || 3600) },
    cookies: { keys: ['tests-only-cookie-key'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  });
  provider.Client.prototype.redirectUriAllowed = (value) => REDIRECT.test(value);
  provider.Client.prototype.postLogoutRedirectUriAllowed = (value) => AFTER_LOGOUT.test(value);

  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || ctx.status !== 200 || !ctx.body?.id_token) return;
    const [header, body, signature] = ctx.body.id_token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const account = accounts()[claims.sub] || {};
    if (account.tampered_claims) {
      // The same signature over other claims, as if someone on the way had changed them.
      const changed = Buffer.from(JSON.stringify({ ...claims, ...account.tampered_claims })).toString('base64url');
      ctx.body = { ...ctx.body, id_token: `${header}.${changed}.${signature}` };
      return;
    }
    const { token_for_client: audience, nonce_of_another_sign_in: nonce } = account;
    if (!audience && !nonce) return;
    const client = audience ? await ctx.oidc.provider.Client.find(audience) : ctx.oidc.client;
    const token = new ctx.oidc.provider.IdToken({ sub: claims.sub }, { ctx, client });
    for (const [key, value] of Object.entries(claims)) if (!PROTOCOL_CLAIMS.has(key)) token.set(key, value);
    if (nonce) token.set('nonce', nonce);
    // ...naming this client as the party it was issued to, so that only the audience gives it away.
    token.set('azp', ctx.oidc.client.clientId);
    ctx.body = { ...ctx.body, id_token: await token.issue({ use: 'idtoken' }) };
  });

  server.on('request', provider.callback());
  console.log(`issuer ${issuer}`);
});
