import { hideAccountExistence } from '../../strapi/accounts/registration';

// Strapi's documented extension point for a plugin's controllers; the rule lives in
// src/strapi/accounts/registration.ts.
export default hideAccountExistence;
