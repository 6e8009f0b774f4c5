#!/usr/bin/env node
// npm run personal-data -- export --email=lea@example.org      prints everything held on that
//                                                               address (or --user-id=7, a reader
//                                                               account) as JSON
// npm run personal-data -- erase --email=lea@example.org [--delete-text]
//                                                               anonymises their comments, and with
//                                                               --delete-text replaces their words too
// The same as POST /colophon/personal-data/export|erase (see the README), for scripts. Exits 2
// on a usage error, 1 on a request it cannot carry out.
'use strict';
const path = require('node:path');

const USAGE = 'usage: npm run personal-data -- export|erase (--email=<address> | --user-id=<id>) [--delete-text]';

/** The action and request body from argv, or a message saying what is wrong. */
function readArgs(args) {
  const [action, ...options] = args;
  if (action !== 'export' && action !== 'erase') return { error: `the first argument must be export or erase, not ${action ?? 'nothing'}` };
  const body = {};
  for (const option of options) {
    const match = /^--(email|user-id)=(.*)$/.exec(option);
    if (match) body[match[1] === 'email' ? 'email' : 'userId'] = match[2];
    else if (option === '--delete-text') body.deleteText = true;
    else return { error: `unknown option ${option}` };
  }
  return { action, body };
}

(async () => {
  const args = readArgs(process.argv.slice(2));
  if (args.error) {
    console.error(`${args.error}\n${USAGE}`);
    process.exit(2);
  }
  const appDir = path.resolve(__dirname, '..');
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const { distDir } = await compileStrapi({ appDir });
  // The request is checked before Strapi boots, so a typo costs no boot.
  const { readPersonalDataRequest, isRequestProblem } = require(path.join(distDir, 'src/core/privacy/index.js'));
  const request = readPersonalDataRequest(args.body, args.action);
  if (isRequestProblem(request)) {
    console.error(`${request.path === 'userId' ? '--user-id' : `--${request.path.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`}: ${request.message}\n${USAGE}`);
    process.exit(2);
  }
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const strapi = await createStrapi({ appDir, distDir }).load();
  const privacy = require(path.join(distDir, 'src/strapi/privacy/index.js'));
  try {
    if (args.action === 'export') {
      console.log(JSON.stringify(await privacy.exportPersonalData(strapi, request, null), null, 2));
    } else {
      const report = await privacy.erasePersonalData(strapi, request, null);
      console.log(`Erased the personal data of ${report.comments} comment(s)${report.textDeleted ? ', their text included' : ''}.`);
      if (report.accounts.length) console.log(`Reader account(s) ${report.accounts.map((a) => a.id).join(', ')} still exist: delete them in the admin's Users if asked to.`);
    }
  } finally {
    await strapi.destroy();
  }
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
