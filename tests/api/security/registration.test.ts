import request from 'supertest';
import { graphql } from '../../helpers/agents';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const USER = 'plugin::users-permissions.user';
const REGISTER = '/api/auth/local/register';

interface Sent {
  to: string;
  subject: string;
  text: string;
}

/** Boots an app whose outgoing email is recorded instead of sent: the mailbox of the test. */
async function bootWithMailbox(env: Record<string, string>): Promise<{ app: TestApp; mailbox: Sent[] }> {
  const mailbox: Sent[] = [];
  const app = await bootStrapi({
    env,
    beforeBootstrap(strapi) {
      strapi.plugin('email').service('email').send = async (options: Sent) => {
        mailbox.push(options);
      };
    },
  });
  return { app, mailbox };
}

const signUp = (app: TestApp, fields: { username: string; email: string; password?: string }) =>
  request(app.server)
    .post(REGISTER)
    .send({ password: 'Reader-Passw0rd!', ...fields });

/** The parts of an answer a client can observe, without what differs on every request. */
const observable = (response: request.Response) => ({ status: response.status, body: response.body });

describe('self-registration, by default', () => {
  let app: TestApp;
  beforeAll(async () => {
    ({ app } = await bootWithMailbox({}));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('is closed over REST: a 403, and no account is created', async () => {
    const response = await signUp(app, { username: 'walkin', email: 'walkin@colophon.test' });
    expect(response.status).toBe(403);
    expect(response.body.jwt).toBeUndefined();
    expect(await app.strapi.db.query(USER).count({ where: { email: 'walkin@colophon.test' } })).toBe(0);
  });

  it('is closed over GraphQL', async () => {
    const result = await graphql(
      app,
      'mutation { register(input: { username: "walkin2", email: "walkin2@colophon.test", password: "Reader-Passw0rd!" }) { jwt } }'
    );
    expect(result.data?.register ?? null).toBeNull();
    expect(result.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await app.strapi.db.query(USER).count({ where: { email: 'walkin2@colophon.test' } })).toBe(0);
  });

  it('shows as off in the admin settings', async () => {
    const advanced = await app.strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' });
    expect(advanced).toMatchObject({ allow_register: false });
  });
});

describe('self-registration, when the site opens it', () => {
  let app: TestApp;
  let mailbox: Sent[];
  beforeAll(async () => {
    ({ app, mailbox } = await bootWithMailbox({ USERS_REGISTRATION: 'true' }));
  });
  afterAll(async () => {
    await app?.stop();
  });
  beforeEach(() => {
    mailbox.length = 0;
  });

  it('creates an unconfirmed account that gets no token until its owner confirms the address', async () => {
    const response = await signUp(app, { username: 'newreader', email: 'newreader@colophon.test' });
    expect(response.status).toBe(200);
    expect(response.body.jwt).toBeUndefined();
    const account = await app.strapi.db.query(USER).findOne({ where: { email: 'newreader@colophon.test' } });
    expect(account).toMatchObject({ confirmed: false });
    expect(mailbox.map((mail) => mail.to)).toEqual(['newreader@colophon.test']);

    const login = await request(app.server)
      .post('/api/auth/local')
      .send({ identifier: 'newreader@colophon.test', password: 'Reader-Passw0rd!' });
    expect(login.status).toBe(400);
    expect(login.body.jwt).toBeUndefined();
  });

  it('answers a held address exactly as a new one, and tells the holder by email instead', async () => {
    await signUp(app, { username: 'regular', email: 'regular@colophon.test' });
    mailbox.length = 0;

    const held = await signUp(app, { username: 'someoneelse', email: 'regular@colophon.test' });
    const fresh = await signUp(app, { username: 'another', email: 'another@colophon.test' });
    expect(observable(held)).toEqual(observable(fresh));
    expect(await app.strapi.db.query(USER).count({ where: { email: 'regular@colophon.test' } })).toBe(1);
    expect(mailbox.map((mail) => mail.to).sort()).toEqual(['another@colophon.test', 'regular@colophon.test']);
    expect(mailbox.find((mail) => mail.to === 'regular@colophon.test')!.text).toMatch(/already has one/);
  });

  it('answers a held username exactly as a free one', async () => {
    await signUp(app, { username: 'takenname', email: 'first@colophon.test' });
    const held = await signUp(app, { username: 'takenname', email: 'second@colophon.test' });
    const fresh = await signUp(app, { username: 'freename', email: 'third@colophon.test' });
    expect(observable(held)).toEqual(observable(fresh));
    expect(await app.strapi.db.query(USER).count({ where: { email: 'second@colophon.test' } })).toBe(0);
  });

  it('still says what is wrong with the caller’s own input', async () => {
    const response = await signUp(app, { username: 'shortpw', email: 'shortpw@colophon.test', password: '1' });
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('ValidationError');
  });

  it('answers a confirmation resend the same for unknown, unconfirmed and confirmed addresses', async () => {
    await signUp(app, { username: 'confirmed', email: 'confirmed@colophon.test' });
    await app.strapi.db.query(USER).update({ where: { email: 'confirmed@colophon.test' }, data: { confirmed: true } });
    await signUp(app, { username: 'pending', email: 'pending@colophon.test' });

    const resend = (email: string) => request(app.server).post('/api/auth/send-email-confirmation').send({ email });
    const answers = await Promise.all(
      ['nobody@colophon.test', 'pending@colophon.test', 'confirmed@colophon.test'].map(async (email) => {
        const response = await resend(email);
        return { status: response.status, body: { ...response.body, email: undefined } };
      })
    );
    expect(answers[0]).toEqual({ status: 200, body: { email: undefined, sent: true } });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('answers a password reset the same whether the email can be sent or not', async () => {
    await signUp(app, { username: 'forgetful', email: 'forgetful@colophon.test' });
    const email = app.strapi.plugin('email').service('email');
    const working = email.send;
    email.send = async () => {
      throw new Error('SMTP down');
    };
    try {
      const held = await request(app.server).post('/api/auth/forgot-password').send({ email: 'forgetful@colophon.test' });
      const unknown = await request(app.server).post('/api/auth/forgot-password').send({ email: 'nobody@colophon.test' });
      expect(observable(held)).toEqual({ status: 200, body: { ok: true } });
      expect(observable(unknown)).toEqual(observable(held));
    } finally {
      email.send = working;
    }
  });

  it('stays a 403 over GraphQL, whose payload would have to name the new account', async () => {
    const result = await graphql(
      app,
      'mutation { register(input: { username: "viagraphql", email: "viagraphql@colophon.test", password: "Reader-Passw0rd!" }) { jwt } }'
    );
    expect(result.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await app.strapi.db.query(USER).count({ where: { email: 'viagraphql@colophon.test' } })).toBe(0);
  });
});
