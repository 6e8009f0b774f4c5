import { bootStrapi } from '../helpers/strapi';

/**
 * Strapi is loaded once per Jest process (tests/helpers/strapi-environment.js), so what it does
 * to the process reaches Jest itself. These tests keep a stopped app from leaving Jest without
 * its handlers for uncaught errors, a cancelled run from exiting cleanly through Strapi's own
 * signal handlers, and one file's settings from reaching the next.
 */
describe('the test harness', () => {
  const host = (globalThis as any).__colophonHost as { process: NodeJS.Process; env: NodeJS.ProcessEnv };
  const counts = (events: string[]) => Object.fromEntries(events.map((event) => [event, host.process.listenerCount(event)]));
  const EVENTS = ['uncaughtException', 'unhandledRejection', 'SIGINT', 'SIGTERM', 'warning'];

  it('runs under the environment that loads Strapi once per process', () => {
    expect(host?.process).toBeDefined();
    expect(host.process.listenerCount('uncaughtException')).toBeGreaterThan(0);
  });

  it('leaves the process its listeners, during a boot and after a stop', async () => {
    const before = counts(EVENTS);
    const app = await bootStrapi({ env: { COLOPHON_HARNESS_PROBE: 'on' } });
    // Strapi's SIGINT and SIGTERM handlers would destroy it and exit 0 on a cancelled run.
    expect(counts(['SIGINT', 'SIGTERM'])).toEqual({ SIGINT: before.SIGINT, SIGTERM: before.SIGTERM });
    expect(host.env.COLOPHON_HARNESS_PROBE).toBe('on');
    await app.stop();
    expect(counts(EVENTS)).toEqual(before);
    expect(host.env.COLOPHON_HARNESS_PROBE).toBeUndefined();
    expect(process.env.COLOPHON_HARNESS_PROBE).toBeUndefined();
  });
});
