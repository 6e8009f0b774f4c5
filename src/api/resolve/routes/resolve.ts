/** GET /api/resolve?path=/blog/monde/ukraine[&locale=fr][&populate=…][&fields=…]: see src/strapi/trails/resolve-path.ts. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/resolve',
      handler: 'resolve.find',
      config: { policies: [] },
    },
  ],
};
