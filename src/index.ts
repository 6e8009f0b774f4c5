import type { Core } from '@strapi/strapi';
import { bootstrapColophon } from './strapi/bootstrap';

export default {
  register(/* { strapi }: { strapi: Core.Strapi } */) {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await bootstrapColophon(strapi);
  },
};
