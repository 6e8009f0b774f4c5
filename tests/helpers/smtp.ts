import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the test SMTP server received it: the envelope, the raw source and the parsed mail. */
export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  to: string;
  subject: string;
  text: string;
  html: string;
  header(name: string): string | null;
}

export interface TestSmtp {
  port: number;
  /** Everything received so far, oldest first. */
  messages: ReceivedMail[];
  /** The environment that points Strapi's email plugin at this server. */
  env: Record<string, string>;
  /** Waits for a message matching `match` (received before or after the call); throws after `timeoutMs`. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Messages to `address`. */
  to(address: string): ReceivedMail[];
  /** Makes the server refuse the next `count` messages with a 451, as a server having trouble does. */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the smtp-server package) on a free port of 127.0.0.1, no TLS and no
 * authentication, that keeps and parses every message it accepts: what mail a test sends
 * crosses a real SMTP exchange, and is read back as a mail client would.
 */
export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters: Array<{ match: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }> = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        if (refusals > 0) {
          refusals -= 1;
          const error: Error & { responseCode?: number } = new Error('Try again later');
          error.responseCode = 451;
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        const mail: ReceivedMail = {
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          parsed,
          to: Array.isArray(parsed.to) ? parsed.to.map((to) => to.text).join(', ') : (parsed.to?.text ?? ''),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          header: (name) => {
            const value = parsed.headerLines.find((line) => line.key === name.toLowerCase());
            return value ? value.line.slice(value.line.indexOf(':') + 1).trim() : null;
          },
        };
        messages.push(mail);
        for (const waiter of [...waiters]) {
          if (waiter.match(mail)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(mail);
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_FROM: 'Colophon <newsroom@colophon.test>' },
    waitFor(match, timeoutMs = 10_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (mail: ReceivedMail) => (clearTimeout(timer), resolve(mail)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching mail in ${timeoutMs} ms; received: ${messages.map((mail) => `${mail.to}: ${mail.subject}`).join(' | ') || 'nothing'}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    to: (address) => messages.filter((mail) => mail.envelopeTo.includes(address)),
    refuseNext(count) {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
