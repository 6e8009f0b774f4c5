import type { Crumb } from './types';

/** `baseUrl` must already be stripped of trailing slashes; "" keeps urls relative. */
export function buildCrumb(label: string, path: string, baseUrl: string): Crumb {
  return { label, path, url: `${baseUrl}${path}` };
}
